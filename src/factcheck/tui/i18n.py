"""Every word the workbench shows, in English and German: one catalogue, one lookup, `t(key, lang)`.

The catalogue is data (key → (English, German)); placeholders use str.format names. A key that is
missing falls back to English, then to the key itself, so a forgotten entry shows up in review instead
of crashing. Audit actions are worded by factcheck.history_words, the catalogue the CLI shares: raw
names like `verdict.set` never reach the screen.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding
from textual.dom import DOMNode

from factcheck import history_words
from factcheck.text.control import terminal_safe
from factcheck.vocabulary import KIND_WORDS, REVIEW_WORDS, STATUS_WORDS

LANGUAGES = ("en", "de")

CATALOGUE: dict[str, tuple[str, str]] = {
    # the workflow's words come from the one catalogue every front end uses (factcheck.vocabulary)
    **{f"status.{key}": pair for key, pair in STATUS_WORDS.items()},
    **{f"review.{key}": pair for key, pair in REVIEW_WORDS.items()},
    **{f"kind.{key}": pair for key, pair in KIND_WORDS.items()},
    # -- table headings and detail sections ----------------------------------------------------------
    "id": ("#", "#"),
    "kinds": ("Kinds", "Art"),
    "speaker": ("Speaker", "Sprecher"),
    "date": ("Date", "Datum"),
    "status": ("Status", "Status"),
    "text": ("Claim", "Aussage"),
    "title": ("Title", "Titel"),
    "language": ("Lang", "Spr."),
    "claims": ("Claims", "Aussagen"),
    "checked": ("Checked", "Geprüft"),
    "last_change": ("Last change", "Letzte Änderung"),
    "fields": ("Extracted fields", "Extrahierte Angaben"),
    "checkworthiness": ("Check-worthiness", "Prüfwürdigkeit"),
    "verdict": ("Verdict", "Bewertung"),
    "sources": ("Sources", "Quellen"),
    "notes": ("Notes", "Notizen"),
    "history": ("History", "Verlauf"),
    "similar": ("Similar checked claims", "Ähnliche geprüfte Aussagen"),
    "no_similar": ("No similar checked claims yet", "Noch keine ähnlichen geprüften Aussagen"),
    "similar_loading": ("Looking for similar checked claims…", "Suche ähnliche geprüfte Aussagen…"),
    "matched": ("matched", "Treffer"),
    "reuse_hint": ("r reuses one of these verdicts", "r übernimmt eine dieser Bewertungen"),
    "no_verdict": ("No verdict yet (v sets one)", "Noch keine Bewertung (v setzt eine)"),
    "no_sources": ("No sources yet (s adds a URL)", "Noch keine Quellen (s fügt eine URL hinzu)"),
    "no_notes": ("No notes yet (n adds one)", "Noch keine Notizen (n fügt eine hinzu)"),
    "no_fields": ("Nothing extracted", "Nichts extrahiert"),
    "select_claim": ("Select a claim to see its details.", "Eine Aussage auswählen, um Details zu sehen."),
    "checkworthy": ("check-worthy", "prüfwürdig"),
    "not_checkworthy": ("not check-worthy", "nicht prüfwürdig"),
    "field.date": ("date ", "Datum"),
    # -- why a sentence is (not) check-worthy: the cues of extract/checkworthiness.py ------------------
    "cue.+date": ("+date", "+Datum"),
    "cue.+quantity": ("+number", "+Zahl"),
    "cue.+attribution": ("+attributed", "+zugeschrieben"),
    "cue.+unnamed-attribution": ("+attributed (no name)", "+zugeschrieben (ohne Namen)"),
    "cue.+quote": ("+quote", "+Zitat"),
    "cue.+place": ("+place", "+Ort"),
    "cue.-boilerplate": ("−boilerplate", "−Textbaustein"),
    "cue.-evaluative": ("−evaluative: {detail}", "−wertend: {detail}"),
    "cue.-exclamation": ("−exclamation", "−Ausruf"),
    "cue.-first-person": ("−first person", "−erste Person"),
    "cue.-forecast": ("−forecast: {detail}", "−Prognose: {detail}"),
    "cue.-fragment": ("−fragment", "−Bruchstück"),
    "cue.-future": ("−future", "−Zukunft"),
    "cue.-generic-speaker": ("−generic speaker", "−allgemeiner Sprecher"),
    "cue.-heading": ("−heading", "−Überschrift"),
    "cue.-hedge": ("−hedged: {detail}", "−eingeschränkt: {detail}"),
    "cue.-nothing-checkable": ("−nothing checkable ({detail})", "−nichts Prüfbares ({detail})"),
    "cue.-open-question": ("−open question", "−offene Frage"),
    "cue.-opinion": ("−opinion: {detail}", "−Meinung: {detail}"),
    "cue.-question": ("−question", "−Frage"),
    "cue.-teaser": ("−teaser", "−Anreißer"),
    "cue.plain-statement": ("plain statement", "schlichte Aussage"),
    "cue.quote-floor": ("quote (kept)", "Zitat (behalten)"),
    "field.quote": ("quote", "Zitat"),
    "field.who": ("who  ", "wer  "),
    "field.qty": ("qty  ", "Menge"),
    "field.place": ("place", "Ort  "),
    "field.as_of": ("as of", "Stand"),
    "time_sensitive": ("time-sensitive", "zeitgebunden"),
    "possibly_outdated": (
        "possibly outdated: it held as of {day}, more than 30 days ago",
        "möglicherweise veraltet: galt mit Stand {day}, vor mehr als 30 Tagen",
    ),
    "claimed_on": ("claimed {day}", "behauptet am {day}"),
    "unknown_speaker": ("unknown speaker", "unbekannter Sprecher"),
    "relative": ("relative", "relativ"),
    "year_inferred": ("year inferred", "Jahr erschlossen"),
    "year_unknown": ("year unknown", "Jahr unbekannt"),
    "verdict_by": ("by {who}, {when}", "von {who}, {when}"),
    "review": ("review: {state}", "Prüfung: {state}"),
    "review_by": ("review: {state} by {who}", "Prüfung: {state} von {who}"),
    "review_comment": ("reviewer's comment: {comment}", "Kommentar der Prüfung: {comment}"),
    "reused_from": ("reused from {origin}", "übernommen von {origin}"),
    "earlier_verdicts.one": ("{n} earlier verdict in the history", "{n} frühere Bewertung im Verlauf"),
    "earlier_verdicts.other": ("{n} earlier verdicts in the history", "{n} frühere Bewertungen im Verlauf"),
    "fetching": ("⟳ fetching…", "⟳ wird abgerufen…"),
    "not_fetched": ("not fetched", "nicht abgerufen"),
    "source.changed": ("changed since the last fetch ({n} snapshots)", "seit dem letzten Abruf geändert ({n} Abrufe)"),
    "source.unchanged": (
        "unchanged since the last fetch ({n} snapshots)",
        "seit dem letzten Abruf unverändert ({n} Abrufe)",
    ),
    "source.refetched": ("{n} snapshots", "{n} Abrufe"),
    "source.evidence_as_of": ("evidence as fetched {when}", "Beleg vom Abruf {when}"),
    "claim_ref": ("claim #{id}", "Aussage #{id}"),
    # -- times ---------------------------------------------------------------------------------------
    "just_now": ("just now", "gerade eben"),
    "min_ago": ("{n} min ago", "vor {n} Min."),
    "today_at": ("today {time}", "heute {time}"),
    # -- statuses and kinds --------------------------------------------------------------------------
    # -- history: audit actions are worded by factcheck.history_words (action_phrase, undone_phrase) --------
    "history.title": ("History of claim #{id}", "Verlauf von Aussage #{id}"),
    "history.order": ("Newest first · Esc closes", "Neueste zuerst · Esc schließt"),
    "history.loading": ("Reading the history…", "Verlauf wird gelesen…"),
    "history.empty": ("Nothing recorded yet.", "Noch nichts aufgezeichnet."),
    "history.of_claim": ("claim #{id}", "Aussage #{id}"),
    # -- article screen ------------------------------------------------------------------------------
    "n_of_m_claims.one": ("{shown} of {n} claim", "{shown} von {n} Aussage"),
    "n_of_m_claims.other": ("{shown} of {n} claims", "{shown} von {n} Aussagen"),
    "n_claims_worthy": (
        "{shown} of {total} claims ({worthy} check-worthy)",
        "{shown} von {total} Aussagen ({worthy} prüfwürdig)",
    ),
    "filter_is": ("filter: {what}", "Filter: {what}"),
    "all_sentences": ("all sentences", "alle Sätze"),
    "untitled": ("(untitled)", "(ohne Titel)"),
    "article_n": ("Article {id}", "Artikel {id}"),
    "empty.no_claims": (
        "No claims in this article.\nSelect text on the left and press a to add one.",
        "Keine Aussagen in diesem Artikel.\nLinks Text markieren und a drücken, um eine anzulegen.",
    ),
    "empty.no_worthy": (
        "No check-worthy claims found.\nf shows all sentences; or select text on the left and press a to add a claim.",
        "Keine prüfwürdigen Aussagen gefunden.\nf zeigt alle Sätze; oder links Text markieren und a drücken.",
    ),
    "empty.no_match": (
        "No claims match the filter.\nf changes it, F clears it.",
        "Keine Aussage passt zum Filter.\nf ändert ihn, F hebt ihn auf.",
    ),
    "select_first": ("Select a claim first.", "Zuerst eine Aussage auswählen."),
    "done.verdict": ("Verdict on #{id}: {rating}", "Bewertung für #{id}: {rating}"),
    "done.note": ("Note added to #{id}", "Notiz zu #{id} hinzugefügt"),
    "done.source": ("Source added to #{id}; fetching…", "Quelle zu #{id} hinzugefügt; wird abgerufen…"),
    "done.status": ("#{id} is now {status}", "#{id} ist jetzt {status}"),
    "done.edit": ("#{id} reworded", "#{id} umformuliert"),
    "done.split": ("#{id} split at the cursor", "#{id} am Cursor geteilt"),
    "done.merge": ("#{id} merged with the next claim", "#{id} mit der nächsten Aussage zusammengeführt"),
    "done.add": ("New claim added", "Neue Aussage angelegt"),
    "done.undo": ("Undone on #{id}: {what}", "Rückgängig bei #{id}: {what}"),
    "done.reuse": (
        "Verdict on #{id} reused from checked claim #{other}",
        "Bewertung für #{id} von geprüfter Aussage #{other} übernommen",
    ),
    "done.review.approve": ("Verdict on #{id} approved", "Bewertung von #{id} bestätigt"),
    "done.review.reject": (
        "Verdict on #{id} rejected; the claim is back in progress",
        "Bewertung von #{id} abgelehnt; die Aussage ist wieder in Arbeit",
    ),
    "review.refused.no_verdict": ("#{id} has no verdict to review.", "#{id} hat keine Bewertung zum Prüfen."),
    "review.refused.reviewed": (
        "The verdict on #{id} was {state} by {who} already; a new verdict can be reviewed.",
        "Die Bewertung von #{id} wurde schon von {who} {state}; eine neue Bewertung lässt sich prüfen.",
    ),
    "review.refused.own_verdict": (
        "Nobody approves their own verdict: someone else reviews #{id} (a desk of one sets FACTCHECK_SINGLE_PERSON=1).",
        "Niemand bestätigt die eigene Bewertung: #{id} prüft jemand anderes"
        " (allein am Desk: FACTCHECK_SINGLE_PERSON=1).",
    ),
    "fetched": ("Fetched {url}", "Abgerufen: {url}"),
    "fetch_failed": ("{error} (the URL is kept)", "{error} (die URL bleibt gespeichert)"),
    "similar_failed": ("Similar claims: {error}", "Ähnliche Aussagen: {error}"),
    "reloaded": ("Reloaded from the database", "Aus der Datenbank neu geladen"),
    "conflict_reloaded": (
        "Someone else changed #{id} meanwhile; reloaded. Check the claim and try again.",
        "#{id} wurde inzwischen anderswo geändert; neu geladen. Bitte prüfen und erneut versuchen.",
    ),
    # -- live updates: what colleagues changed while the workbench was open (tui/live.py) --------------
    "live.one_claim": ("#{id} changed by {who}: {what}", "#{id} von {who} geändert: {what}"),
    "live.claims": ("{n} claims changed by {who}", "{n} Aussagen von {who} geändert"),
    "live.other": ("Changed by {who}: {what}", "Von {who} geändert: {what}"),
    "live.many": ("Many changes by {who}: reloaded", "Viele Änderungen von {who}: neu geladen"),
    "live.paused": (
        "Live updates paused ({error}); retrying",
        "Live-Aktualisierung unterbrochen ({error}); neuer Versuch folgt",
    ),
    "live.resumed": ("Live updates resumed", "Live-Aktualisierung läuft wieder"),
    "changed.line": ("⚠ Changed meanwhile by {who}: {what}.", "⚠ Inzwischen von {who} geändert: {what}."),
    "changed.asks": ("Saving asks first.", "Speichern fragt vorher nach."),
    "changed.question": (
        "{who} changed #{id} while this dialog was open ({what}). Save yours over it anyway?",
        "{who} hat #{id} geändert, während dieser Dialog offen war ({what}). Trotzdem darüber speichern?",
    ),
    "changed.save_anyway": ("Save anyway", "Trotzdem speichern"),
    "no_similar_to_reuse": (
        "No similar checked claims to reuse a verdict from.",
        "Keine ähnlichen geprüften Aussagen, deren Bewertung übernommen werden kann.",
    ),
    "split_hint": (
        "Put the cursor inside a claim in the article text (click it, or Tab there and use the arrows), "
        "then press x to split it there.",
        "Den Cursor im Artikeltext in eine Aussage setzen (klicken, oder mit Tab hin und Pfeiltasten), "
        "dann x drücken, um sie dort zu teilen.",
    ),
    "add_hint": (
        "Select article text first (drag with the mouse, or shift+arrows in the text), then press a.",
        "Zuerst Artikeltext markieren (mit der Maus ziehen oder Umschalt+Pfeile im Text), dann a drücken.",
    ),
    "no_other_open": ("No other open claims in this list.", "Keine weiteren offenen Aussagen in dieser Liste."),
    "merge_question": (
        "Merge #{id} with the claim after it?\n“{text}”",
        "#{id} mit der folgenden Aussage zusammenführen?\n„{text}“",
    ),
    "merge_undoable": ("u undoes the merge afterwards.", "u macht das Zusammenführen danach rückgängig."),
    "merge_final": ("A merge cannot be undone.", "Das Zusammenführen lässt sich nicht rückgängig machen."),
    "merge_absorbs": ("It absorbs #{id}:\n“{text}”", "Sie nimmt #{id} auf:\n„{text}“"),
    "merge_last": (
        "#{id} is the last claim of the article: there is nothing to merge it with.",
        "#{id} ist die letzte Aussage des Artikels: Es gibt nichts zum Zusammenführen.",
    ),
    # -- service errors: known situations in words, anything else with a prefix ----------------------
    "error": ("{error}", "Fehler: {error}"),
    "undo.nothing": ("Nothing to undo on #{id}.", "Bei #{id} gibt es nichts rückgängig zu machen."),
    "undo.not_undoable": (
        "The last change to #{id} ({what}) cannot be undone.",
        "Die letzte Änderung an #{id} ({what}) lässt sich nicht rückgängig machen.",
    ),
    "undo.review": (
        "The verdict on #{id} was reviewed, and a review cannot be undone: v sets a new verdict.",
        "Die Bewertung von #{id} wurde geprüft; eine Prüfung lässt sich nicht rückgängig machen: v setzt eine neue.",
    ),
    "undo.added_by_hand": (
        "#{id} was added by hand; dismiss it instead (d).",
        "#{id} wurde von Hand angelegt; stattdessen verwerfen (d).",
    ),
    "undo.old_merge": (
        "The merge into #{id} was made before merges could be undone.",
        "Das Zusammenführen in #{id} stammt aus einer Version, die es noch nicht rückgängig machen konnte.",
    ),
    # -- article list --------------------------------------------------------------------------------
    "articles": ("Articles", "Artikel"),
    "search_placeholder": ("Search titles  ( / )", "Titel suchen  ( / )"),
    "empty.articles": (
        "No articles yet.\n\nPress i to import a file or URL,\nor run `factcheck open PATH|URL` in a shell.",
        "Noch keine Artikel.\n\ni importiert eine Datei oder URL,\noder `factcheck open PFAD|URL` in einer Shell.",
    ),
    "empty.search": ("No article title contains “{search}”.", "Kein Artikeltitel enthält „{search}“."),
    "importing": ("Importing {spec} …", "Importiere {spec} …"),
    "imported.one": ("Imported: {title} ({n} claim)", "Importiert: {title} ({n} Aussage)"),
    "imported.other": ("Imported: {title} ({n} claims)", "Importiert: {title} ({n} Aussagen)"),
    "already_imported.one": ("Already imported: {title} ({n} claim)", "Schon importiert: {title} ({n} Aussage)"),
    "already_imported.other": ("Already imported: {title} ({n} claims)", "Schon importiert: {title} ({n} Aussagen)"),
    # -- dialogs -------------------------------------------------------------------------------------
    "save_button": ("Save (ctrl+s)", "Speichern (Strg+S)"),
    "ok_button": ("OK (enter)", "OK (Enter)"),
    "cancel_button": ("Cancel (esc)", "Abbrechen (Esc)"),
    "cancel": ("Cancel", "Abbrechen"),
    "apply_button": ("Apply (enter)", "Anwenden (Enter)"),
    "clear_button": ("Clear", "Zurücksetzen"),
    "yes": ("Yes", "Ja"),
    "no": ("No", "Nein"),
    "merge": ("Merge", "Zusammenführen"),
    "discard": ("Discard", "Verwerfen"),
    "keep_editing": ("Keep editing", "Weiter bearbeiten"),
    "discard_question": ("Discard what you typed?", "Das Eingetippte verwerfen?"),
    "verdict_title": ("Verdict for claim #{id}", "Bewertung für Aussage #{id}"),
    "rationale_label": ("Rationale (required unless the claim is true)", "Begründung (nötig, außer bei „richtig“)"),
    "choose_rating": (
        "Choose a rating first (arrows, then Enter).",
        "Zuerst eine Bewertung auswählen (Pfeiltasten, dann Enter).",
    ),
    "rationale_required": ("A rationale is required for “{label}”.", "Für „{label}“ ist eine Begründung nötig."),
    "note_title": ("Note on claim #{id}", "Notiz zu Aussage #{id}"),
    "review_title": ("Review the verdict on claim #{id}", "Bewertung von Aussage #{id} prüfen"),
    "review_of_checker": ("by {who}", "von {who}"),
    "review.option.approve": ("Approve", "Bestätigen"),
    "review.option.reject": ("Reject: back to in progress", "Ablehnen: zurück in Arbeit"),
    "review_comment_label": (
        "Comment (required to reject: what should change)",
        "Kommentar (nötig beim Ablehnen: was sich ändern soll)",
    ),
    "review_choose": (
        "Choose approve or reject first (arrows, then Enter).",
        "Zuerst Bestätigen oder Ablehnen wählen (Pfeiltasten, dann Enter).",
    ),
    "review_comment_required": (
        "A rejection needs a comment saying what to change.",
        "Eine Ablehnung braucht einen Kommentar, was sich ändern soll.",
    ),
    "note_empty": ("A note needs text.", "Eine Notiz braucht Text."),
    "edit_title": ("Edit claim #{id}", "Aussage #{id} bearbeiten"),
    "edit_empty": ("A claim needs text.", "Eine Aussage braucht Text."),
    "type_something": ("Type something first.", "Zuerst etwas eingeben."),
    "source_title": ("Add a source to claim #{id}", "Quelle zu Aussage #{id} hinzufügen"),
    "source_invalid": (
        "Enter an http(s) URL, a file: URL or the path of a file.",
        "Eine http(s)-URL, eine file:-URL oder den Pfad einer Datei eingeben.",
    ),
    "source_placeholder": ("https://… or /path/to/document.pdf", "https://… oder /Pfad/zum/Dokument.pdf"),
    "import_title": ("Import an article (file or URL)", "Artikel importieren (Datei oder URL)"),
    "import_placeholder": ("path/to/article.txt or https://…", "pfad/zum/artikel.txt oder https://…"),
    "import_invalid": ("Enter a file path or an http(s) URL.", "Einen Dateipfad oder eine http(s)-URL eingeben."),
    "status_title": ("Status of claim #{id}", "Status von Aussage #{id}"),
    "reuse_title": ("Reuse a verdict for claim #{id}", "Bewertung für Aussage #{id} übernehmen"),
    "reuse_hint_dialog": (
        "Enter copies the verdict as yours, linked to the original; Escape cancels.",
        "Enter übernimmt die Bewertung als Ihre, mit Verweis aufs Original; Esc bricht ab.",
    ),
    "filter_title": ("Filter claims", "Aussagen filtern"),
    "filter.status": ("Status", "Status"),
    "filter.kind": ("Kind", "Art"),
    "filter.speaker": ("Speaker", "Sprecher"),
    "filter.verdict": ("Verdict", "Bewertung"),
    "filter.text": ("Text", "Text"),
    "filter.speaker_placeholder": ("name contains…", "Name enthält…"),
    "filter.text_placeholder": ("claim contains…", "Aussage enthält…"),
    "filter.any": ("(any)", "(alle)"),
    "filter.worthy_only": ("Only check-worthy claims", "Nur prüfwürdige Aussagen"),
    "export.title": ("Export a verification report", "Prüfbericht exportieren"),
    "export.field.format": ("Format", "Format"),
    "export.field.path": ("File", "Datei"),
    "export.field.lang": ("Language", "Sprache"),
    "export.field.only": ("Claims", "Aussagen"),
    "export.field.publisher": ("Publisher", "Herausgeber"),
    "export.format.md": ("Markdown (.md)", "Markdown (.md)"),
    "export.format.html": ("HTML, for screen and print (.html)", "HTML, für Bildschirm und Druck (.html)"),
    "export.format.json": ("JSON, all data (.json)", "JSON, alle Daten (.json)"),
    "export.format.csv": ("CSV, for Excel/LibreOffice (.csv)", "CSV, für Excel/LibreOffice (.csv)"),
    "export.format.claimreview": ("ClaimReview JSON-LD (.claimreview.json)", "ClaimReview JSON-LD (.claimreview.json)"),
    "export.lang.de": ("German", "Deutsch"),
    "export.lang.en": ("English", "Englisch"),
    "export.only.all": ("All claims", "Alle Aussagen"),
    "export.only.checked": ("Only claims with a verdict", "Nur Aussagen mit Bewertung"),
    "export.notes": ("Include the checkers' notes (internal)", "Notizen der Prüfer aufnehmen (intern)"),
    "export.publisher_placeholder": ("organisation; needed for ClaimReview", "Organisation; nötig für ClaimReview"),
    "export.button": ("Export (ctrl+s)", "Exportieren (Strg+S)"),
    "export.busy": ("⟳ Exporting… (Esc cancels)", "⟳ Exportiere … (Esc bricht ab)"),
    "export.no_path": ("Enter a file path.", "Einen Dateipfad eingeben."),
    "export.publisher_needed": (
        "ClaimReview needs a publisher: fill in “Publisher”.",
        "ClaimReview braucht einen Herausgeber: „Herausgeber“ ausfüllen.",
    ),
    "export.hint_new": ("→ a new file in {folder}", "→ neue Datei in {folder}"),
    "export.hint_writes": ("→ writes {path}", "→ schreibt {path}"),
    "export.hint_replaces": ("→ replaces the existing file in {folder}", "→ ersetzt die vorhandene Datei in {folder}"),
    "export.hint_no_folder": ("The folder {folder} does not exist.", "Der Ordner {folder} existiert nicht."),
    "export.no_folder": (
        "Cannot write {path}: the folder {folder} does not exist.",
        "{path} kann nicht geschrieben werden: Der Ordner {folder} existiert nicht.",
    ),
    "export.done": ("Report written: {path}", "Bericht geschrieben: {path}"),
    "export.done_empty": (
        "Report written: {path}. It holds no ClaimReview: no claim has a verdict yet.",
        "Bericht geschrieben: {path}. Er enthält kein ClaimReview: Noch hat keine Aussage eine Bewertung.",
    ),
    "export.cancelled": ("Export cancelled; nothing written.", "Export abgebrochen; nichts geschrieben."),
    "export.no_article": ("No article to export here.", "Hier gibt es keinen Artikel zum Exportieren."),
    # -- notices of the app --------------------------------------------------------------------------
    "labels_now": ("Labels: English", "Beschriftung: Deutsch"),
    "unexpected_error": ("Unexpected error", "Unerwarteter Fehler"),
    "palette.status": ("Set status: {status}", "Status setzen: {status}"),
    "palette.status_help": ("Mark the current claim {status}", "Die aktuelle Aussage als {status} markieren"),
    "palette.review.approve": ("Review: approve the verdict", "Prüfung: Bewertung bestätigen"),
    "palette.review.approve_help": (
        "Sign off the current claim's verdict (someone else's)",
        "Die Bewertung der aktuellen Aussage abnehmen (die eines anderen)",
    ),
    "palette.review.reject": ("Review: reject the verdict", "Prüfung: Bewertung ablehnen"),
    "palette.review.reject_help": (
        "Send the current claim back to in progress, with a comment",
        "Die aktuelle Aussage mit einem Kommentar zurück in Arbeit geben",
    ),
    "palette.open": ("Open article: {title}", "Artikel öffnen: {title}"),
    "palette.open_help.one": ("#{id} · {n} claim", "#{id} · {n} Aussage"),
    "palette.open_help.other": ("#{id} · {n} claims", "#{id} · {n} Aussagen"),
    "palette.placeholder": ("Search for commands…", "Befehle suchen…"),
    "palette.keys_show": ("Show all keys of this screen", "Alle Tasten dieser Ansicht zeigen"),
    "palette.keys_hide": ("Hide the key panel", "Die Tastenübersicht verbergen"),
    "palette.zoom_in": ("Let the focused pane fill the screen", "Den fokussierten Bereich vergrößern"),
    "palette.zoom_out": ("Restore the zoomed pane", "Den vergrößerten Bereich zurücksetzen"),
    # -- key bindings: "key.<action>" is the footer word, "tip.<action>" the longer help -------------
    "key.quit": ("Quit", "Beenden"),
    "key.app.focus_next": ("Focus next", "Nächstes Feld"),
    "key.app.focus_previous": ("Focus previous", "Voriges Feld"),
    "key.screen.copy_text": ("Copy selected text", "Markierten Text kopieren"),
    "tip.quit": (
        "Leave the workbench (everything is saved already)",
        "Die Werkbank verlassen (alles ist schon gespeichert)",
    ),
    "key.toggle_labels": ("DE/EN", "DE/EN"),
    "tip.toggle_labels": ("Switch labels between German and English", "Beschriftung Deutsch/Englisch umschalten"),
    "key.toggle_dark": ("Light/Dark", "Hell/Dunkel"),
    "tip.toggle_dark": ("Switch between the light and the dark theme", "Zwischen hellem und dunklem Thema wechseln"),
    "key.toggle_maximize": ("Zoom", "Zoom"),
    "tip.toggle_maximize": (
        "Let the focused pane fill the screen, or restore it",
        "Den fokussierten Bereich vergrößern oder zurück",
    ),
    "key.toggle_keys": ("Keys", "Tasten"),
    "tip.toggle_keys": ("Show or hide all keys of this screen", "Alle Tasten dieser Ansicht zeigen oder verbergen"),
    "key.command_palette": ("Commands", "Befehle"),
    "tip.command_palette": ("Search every command", "Alle Befehle durchsuchen"),
    "key.back": ("Articles", "Artikel"),
    "tip.back": ("Back to the article list", "Zurück zur Artikelliste"),
    "key.verdict": ("Verdict", "Bewertung"),
    "tip.verdict": ("Set a verdict with rationale on the current claim", "Eine Bewertung mit Begründung setzen"),
    "key.note": ("Note", "Notiz"),
    "tip.note": ("Add a note to the current claim", "Eine Notiz zur aktuellen Aussage schreiben"),
    "key.source": ("Source", "Quelle"),
    "tip.source": (
        "Add a source URL (fetched in the background)",
        "Eine Quellen-URL hinzufügen (wird im Hintergrund abgerufen)",
    ),
    "key.status": ("Status", "Status"),
    "tip.status": (
        "Set the status: open, in progress, checked, dismissed",
        "Status setzen: offen, in Arbeit, geprüft, verworfen",
    ),
    "key.toggle_dismissed": ("Dismiss", "Verwerfen"),
    "tip.toggle_dismissed": (
        "Dismiss the current claim, or bring it back",
        "Die aktuelle Aussage verwerfen oder zurückholen",
    ),
    "key.next_open": ("Next open", "Nächste offene"),
    "tip.next_open": ("Jump to the next open claim", "Zur nächsten offenen Aussage springen"),
    "key.filter": ("Filter", "Filter"),
    "tip.filter": (
        "Filter by status, kind, speaker, verdict, text",
        "Nach Status, Art, Sprecher, Bewertung, Text filtern",
    ),
    "key.edit": ("Edit", "Bearbeiten"),
    "tip.edit": ("Reword the current claim", "Die aktuelle Aussage umformulieren"),
    "key.split": ("Split", "Teilen"),
    "tip.split": ("Split the claim at the cursor in the article text", "Die Aussage am Cursor im Artikeltext teilen"),
    "key.merge": ("Merge", "Zusammenführen"),
    "tip.merge": ("Merge the current claim with the next one", "Die aktuelle Aussage mit der nächsten zusammenführen"),
    "key.add_claim": ("Add claim", "Aussage anlegen"),
    "tip.add_claim": ("Make the selected article text a new claim", "Den markierten Artikeltext zur Aussage machen"),
    "key.undo": ("Undo", "Rückgängig"),
    "tip.undo": ("Undo the last change to the current claim", "Die letzte Änderung an der Aussage rückgängig machen"),
    "key.reuse": ("Reuse verdict", "Bewertung übernehmen"),
    "tip.reuse": (
        "Take over the verdict of a similar checked claim",
        "Die Bewertung einer ähnlichen geprüften Aussage übernehmen",
    ),
    "key.review": ("Review", "Prüfen"),
    "tip.review": (
        "Approve or reject the current claim's verdict (not your own)",
        "Die Bewertung der aktuellen Aussage bestätigen oder ablehnen (nicht die eigene)",
    ),
    "key.clear_filter": ("Clear filter", "Filter aufheben"),
    "tip.clear_filter": ("Show all check-worthy claims again", "Wieder alle prüfwürdigen Aussagen zeigen"),
    "key.export": ("Export report", "Bericht exportieren"),
    "tip.export": (
        "Write a verification report: Markdown, HTML, JSON, CSV or ClaimReview",
        "Einen Prüfbericht schreiben: Markdown, HTML, JSON, CSV oder ClaimReview",
    ),
    "key.timeline": ("Timeline", "Zeitleiste"),
    "tip.timeline": (
        "The article's dated claims in order of time, conflicts marked, with matching checked claims",
        "Die datierten Aussagen des Artikels in zeitlicher Folge, Widersprüche markiert, mit passenden geprüften",
    ),
    "timeline.title": ("Timeline", "Zeitleiste"),
    "timeline.hint": (
        "Oldest first · Enter jumps to the claim · Esc closes",
        "Älteste zuerst · Enter springt zur Aussage · Esc schließt",
    ),
    "timeline.loading": ("Reading the dates…", "Daten werden gelesen…"),
    "timeline.empty": ("No dated claims in this article.", "Keine datierten Aussagen in diesem Artikel."),
    "timeline.article_date": ("article date", "Datum des Artikels"),
    "timeline.import_date": ("imported (the text gives no date)", "importiert (der Text nennt kein Datum)"),
    "timeline.memory": ("memory #{id}", "Archiv #{id}"),
    "timeline.claim": ("claim #{id}", "Aussage #{id}"),
    "timeline.precision.day": ("day", "Tag"),
    "timeline.precision.month": ("month", "Monat"),
    "timeline.precision.year": ("year", "Jahr"),
    "timeline.precision.range": ("range", "Zeitraum"),
    "timeline.resolved": ("“{words}” resolved against {day}", "„{words}“ bezogen auf {day}"),
    "timeline.as_of": ("time-sensitive: holds as of {day}", "zeitgebunden: gilt mit Stand {day}"),
    "timeline.conflict": ("conflict: {reason}", "Widerspruch: {reason}"),
    "key.history": ("History", "Verlauf"),
    "tip.history": (
        "Everything that happened to the current claim: who changed what, newest first",
        "Alles, was mit der aktuellen Aussage geschah: wer was geändert hat, neueste zuerst",
    ),
    "key.close": ("Close", "Schließen"),
    "tip.close": ("Close this view", "Diese Ansicht schließen"),
    "key.reload": ("Reload", "Neu laden"),
    "tip.reload": (
        "Read the article again from the database (changes made elsewhere)",
        "Erneut aus der Datenbank lesen (Änderungen von anderswo)",
    ),
    "key.open": ("Open", "Öffnen"),
    "tip.open": ("Open the highlighted article", "Den markierten Artikel öffnen"),
    "key.search": ("Search", "Suchen"),
    "tip.search": ("Search titles", "Titel durchsuchen"),
    "key.import_article": ("Import", "Importieren"),
    "tip.import_article": ("Import a file or URL as a new article", "Eine Datei oder URL als Artikel importieren"),
    "key.clear_search": ("Clear search", "Suche leeren"),
    "tip.clear_search": ("Clear the search", "Die Suche leeren"),
    "key.cancel": ("Cancel", "Abbrechen"),
    "tip.cancel": (
        "Close; asks first when you typed something",
        "Schließen; fragt vorher, wenn etwas eingegeben wurde",
    ),
    "key.save": ("Save", "Speichern"),
    "tip.save": ("Save and close", "Speichern und schließen"),
    "key.dismiss_none": ("Cancel", "Abbrechen"),
    "tip.dismiss_none": ("Close without a change", "Ohne Änderung schließen"),
    "key.apply": ("Apply", "Anwenden"),
    "tip.apply": ("Apply the filter", "Den Filter anwenden"),
    "key.answer(True)": ("Yes", "Ja"),
    "tip.answer(True)": ("Confirm", "Bestätigen"),
    "key.answer(False)": ("No", "Nein"),
    "tip.answer(False)": ("Cancel", "Abbrechen"),
    # -- keys of Textual's own widgets (tables, text fields, lists), shown by ? ------------------------
    **{
        f"wkey.{action}": words
        for action, words in {
            "copy": ("Copy", "Kopieren"),
            "cut": ("Cut", "Ausschneiden"),
            "paste": ("Paste", "Einfügen"),
            "undo": ("Undo", "Rückgängig"),
            "redo": ("Redo", "Wiederholen"),
            "select_all": ("Select all", "Alles markieren"),
            "select_line": ("Select line", "Zeile markieren"),
            "cursor_up": ("Cursor up", "Cursor hoch"),
            "cursor_down": ("Cursor down", "Cursor runter"),
            "cursor_left": ("Cursor left", "Cursor links"),
            "cursor_right": ("Cursor right", "Cursor rechts"),
            "cursor_up(True)": ("Select up", "Nach oben markieren"),
            "cursor_down(True)": ("Select down", "Nach unten markieren"),
            "cursor_left(True)": ("Select left", "Nach links markieren"),
            "cursor_right(True)": ("Select right", "Nach rechts markieren"),
            "cursor_word_left": ("Word left", "Wort links"),
            "cursor_word_right": ("Word right", "Wort rechts"),
            "cursor_left_word": ("Word left", "Wort links"),
            "cursor_right_word": ("Word right", "Wort rechts"),
            "cursor_word_left(True)": ("Select word left", "Wort links markieren"),
            "cursor_word_right(True)": ("Select word right", "Wort rechts markieren"),
            "cursor_left_word(True)": ("Select word left", "Wort links markieren"),
            "cursor_right_word(True)": ("Select word right", "Wort rechts markieren"),
            "cursor_line_start": ("Line start", "Zeilenanfang"),
            "cursor_line_end": ("Line end", "Zeilenende"),
            "cursor_line_start(True)": ("Select to line start", "Bis Zeilenanfang markieren"),
            "cursor_line_end(True)": ("Select to line end", "Bis Zeilenende markieren"),
            "cursor_page_up": ("Page up", "Seite hoch"),
            "cursor_page_down": ("Page down", "Seite runter"),
            "home": ("Go to start", "Zum Anfang"),
            "end": ("Go to end", "Zum Ende"),
            "home(True)": ("Select to start", "Bis zum Anfang markieren"),
            "end(True)": ("Select to end", "Bis zum Ende markieren"),
            "delete_left": ("Delete left", "Links löschen"),
            "delete_right": ("Delete right", "Rechts löschen"),
            "delete_left_word": ("Delete word left", "Wort links löschen"),
            "delete_right_word": ("Delete word right", "Wort rechts löschen"),
            "delete_word_left": ("Delete word left", "Wort links löschen"),
            "delete_word_right": ("Delete word right", "Wort rechts löschen"),
            "delete_left_all": ("Delete all left", "Alles links löschen"),
            "delete_right_all": ("Delete all right", "Alles rechts löschen"),
            "delete_line": ("Delete line", "Zeile löschen"),
            "delete_to_start_of_line": ("Delete to line start", "Bis Zeilenanfang löschen"),
            "delete_to_end_of_line_or_delete_line": ("Delete to line end", "Bis Zeilenende löschen"),
            "page_up": ("Page up", "Seite hoch"),
            "page_down": ("Page down", "Seite runter"),
            "page_left": ("Page left", "Seite links"),
            "page_right": ("Page right", "Seite rechts"),
            "scroll_up": ("Scroll up", "Hochblättern"),
            "scroll_down": ("Scroll down", "Runterblättern"),
            "scroll_left": ("Scroll left", "Nach links blättern"),
            "scroll_right": ("Scroll right", "Nach rechts blättern"),
            "scroll_home": ("Home", "Anfang"),
            "scroll_end": ("End", "Ende"),
            "scroll_top": ("Top", "Oben"),
            "scroll_bottom": ("Bottom", "Unten"),
            "first": ("First", "Erste"),
            "last": ("Last", "Letzte"),
            "select": ("Select", "Auswählen"),
            "select_cursor": ("Select", "Auswählen"),
            "submit": ("Submit", "Absenden"),
            "press": ("Press button", "Knopf drücken"),
            "toggle_button": ("Toggle", "Umschalten"),
            "show_overlay": ("Show menu", "Menü zeigen"),
            "dismiss": ("Close menu", "Menü schließen"),
        }.items()
    },
}


def t(key: str, lang: str, /, **values: Any) -> str:
    """The text for `key` in `lang` ("en" or "de"), with `values` filled in."""
    entry = CATALOGUE.get(key)
    text = key if entry is None else entry[1] if lang == "de" else entry[0]
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str, /, **values: Any) -> str:
    """A counted phrase: `key.one` for exactly one, `key.other` for any other number (0, 2 …), with {n}."""
    return t(f"{key}.{'one' if n == 1 else 'other'}", lang, n=n, **values)


def error_text(error: object, lang: str) -> str:
    """A service error the workbench has no phrase for: its message, with "Fehler:" before it in German."""
    return t("error", lang, error=error)


def cue_label(cue: str, lang: str) -> str:
    """A check-worthiness cue ("cw:-hedge:könnte") in words; an unknown cue is shown as stored."""
    name = cue.removeprefix("cw:")
    key, _, detail = name.partition(":")
    if f"cue.{key}" not in CATALOGUE:
        return name
    return t(f"cue.{key}", lang, detail=detail)


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Give the key bindings of the node and of every widget in it the words of `lang` (footer, help
    panel `?`, palette): the workbench's own actions from `key.<action>`/`tip.<action>`, the keys of
    Textual's widgets (tables, text fields, lists, buttons) from `wkey.<action>`.

    Bindings are frozen; each is replaced, in the node's own map (the class map is shared by instances).
    Keys without a catalogue entry keep their words.
    """
    from textual.app import App
    from textual.screen import Screen

    _localize_node(node, lang, "key" if isinstance(node, Screen | App) else "wkey")
    if isinstance(node, Screen):
        for widget in node.query("*"):
            _localize_node(widget, lang, "wkey")
    node.refresh_bindings()


def _localize_node(node: DOMNode, lang: str, prefix: str) -> None:
    mapping = node._bindings.key_to_bindings
    for key, bindings in list(mapping.items()):
        mapping[key] = [_localized(b, lang, prefix) for b in bindings]


def _localized(binding: Binding, lang: str, prefix: str = "key") -> Binding:
    action = binding.action
    if f"{prefix}.{action}" not in CATALOGUE:
        return binding
    tooltip = t(f"tip.{action}", lang) if prefix == "key" and f"tip.{action}" in CATALOGUE else binding.tooltip
    return replace(binding, description=t(f"{prefix}.{action}", lang), tooltip=tooltip)


def undone_phrase(action: str, lang: str) -> str:
    """What undo reverted, in words ("the verdict"), for the notice after `u` (factcheck.history_words)."""
    return history_words.undone_phrase(action, lang)


def action_phrase(action: str, after: dict[str, Any] | None, lang: str) -> str:
    """A history line's words for an audit action, never the raw action name (factcheck.history_words)."""
    values = (
        {k: v for k, v in after.items() if k in ("rating", "status", "decision")} if isinstance(after, dict) else {}
    )
    return terminal_safe(history_words.action_phrase(action, lang, **values), one_line=True)
