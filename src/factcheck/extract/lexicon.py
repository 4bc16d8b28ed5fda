"""Small hand-written word lists the rules draw on (German and English news).

Kept as plain Python sets so they ship inside the package, load in microseconds and can be read and
extended by a fact-checker without tooling. Everything is lower-case unless said otherwise.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string (compact to read and to extend)."""
    return frozenset(text.split())


def phrases(text: str) -> tuple[str, ...]:
    """Multi-word entries separated by "|" (line breaks inside the block are spaces)."""
    return tuple(p.strip() for p in " ".join(text.split()).split("|") if p.strip())


# --- speech and stance verbs -------------------------------------------------------------------
# German stems: a finite form is matched by stem + one of the endings below, so "betonte", "betont",
# "betonten", "betonen" all hit "beton". Separable verbs are listed as (stem, particle): the
# particle closes the clause ("stellte ... fest", "kündigte ... an").
DE_SPEECH_STEMS = words(
    """
    entschied entscheid bekundet bekund verständig würdig rechtfertig empfiehl empfahl empfehl meld
    bilanzier mutmaß spekulier beanstand bemängel widerleg versprich unterstell anprangert sag beton
    erklär forder kritisier warn beschrieb beschreib bericht behaupt bestätig dementier unterstrich
    unterstreich bezeichn nann nenn meint mein äußer erwider entgegn versicher versprach versprech
    schrieb schreib räum verlang beklag lob mahn ermahn bekräftig verkünd verkünde erinner fragt
    frag antwort sprach sprech zitier verwies verweis insistier beharr klagt schätz resümier
    kommentier urteil wertet wert widersprach widersprech bestritt bestreit befürwort ergänz
    präzisier beschwor beschwör verteidig appellier prophezei droh glaub hofft hoff rief ruf
    verlautet verlaut twittert postet teil gab gib kündig wies weis stell hob heb fügt füg führ
    räumt beschuldig vorwarf warf wirf argumentier begründ monier rüg protestier signalisier beteuer
    zweifel bezweifel charakterisier skizzier schilder ankündig mitteil plädier beschloss beschließ
    riet rät errechnet verlautbart sprich bat bitt beziffer beurteil bedauer befürcht vermut
    """
)
# Separable speech verbs (cues.py): the particles that make a stem a speech verb ("stellte … fest", "kündigte …
# an"; later in the clause or glued in front: "mitteilte"), the stems only counted as speech with one of
# them ("gab … an", not "gab Geld"), and particles that turn a speech stem into something else ("sagte … ab")
DE_SEPARABLE_PARTICLES = {
    "stell": {"fest", "klar", "heraus"},
    "kündig": {"an"},
    "teil": {"mit"},
    "gab": {"an", "bekannt", "zu"},
    "gib": {"an", "bekannt", "zu"},
    "gaben": {"an", "bekannt", "zu"},
    "wies": {"zurück", "hin"},
    "weis": {"zurück", "hin"},
    "hob": {"hervor"},
    "heb": {"hervor"},
    "räum": {"ein"},
    "fügt": {"hinzu"},
    "füg": {"hinzu"},
    "führ": {"aus"},
    "warf": {"vor"},
    "wirf": {"vor"},
    "rief": {"auf", "zu"},
    "ruf": {"auf", "zu"},
    "lehn": {"ab"},
    "gestand": {"ein"},
    "gesteh": {"ein"},
    "prangert": {"an"},
    "prangern": {"an"},
    "werf": {"vor"},
    "droh": {"mit"},
    "sichert": {"zu"},
    "sprach": {"von", "aus"},
    "mach": {"klar", "deutlich"},
    "schläg": {"vor"},
    "schlag": {"vor"},
    "schlug": {"vor"},
    "schränk": {"ein"},
    "reg": {"an"},
}
DE_SPOILING_PARTICLES = {
    "sag": {"ab", "voraus"},
    "sprach": {"frei", "ab"},
    "sprech": {"frei", "ab"},
    "frag": {"nach", "ab"},
    "ruf": {"an"},
    "rief": {"an"},
}
DE_NEEDS_PARTICLE = words(
    """
    stell kündig teil gab gib wies weis hob heb räum führ warf wirf rief ruf lehn gestand gesteh
    prangert prangern werf droh sichert mach fügt füg schläg schlag schlug schränk reg
    """
)
DE_VERB_ENDINGS = ("", "e", "en", "t", "te", "ten", "test", "st", "et", "ete", "eten", "n", "end")

# Participles and full forms used in passive/perfect speech ("wurden ... zurückgewiesen").
DE_SPEECH_PARTICIPLES = words(
    """
    gesagt betont erklärt gefordert kritisiert gewarnt beschrieben berichtet behauptet bestätigt
    dementiert unterstrichen bezeichnet genannt gemeint geäußert erwidert versichert versprochen
    geschrieben verlangt beklagt gelobt gemahnt bekräftigt verkündet zurückgewiesen abgelehnt
    angekündigt mitgeteilt festgestellt eingeräumt hervorgehoben angegeben bekanntgegeben
    klargemacht zitiert kommentiert bestritten vorgeworfen angeprangert widersprochen verurteilt
    begrüßt zugesagt aufgefordert gebeten beschlossen angeregt vorgeschlagen empfohlen bekanntgemacht eingestuft
    """
)
# Finite verbs that are not stem-regular enough for the stem table.
DE_SPEECH_WORDS = words(
    """
    zufolge laut lt. gemäß demnach heißt hieß so wonach lehnte lehnt lehnten ablehnte verurteilte
    verurteilt begrüßte begrüßt klagte beklagte zurückwies mitteilte ankündigte feststellte
    hervorhob einräumte klarmachte bekanntgab angab
    """
)

EN_SPEECH_VERBS = words(
    """
    defended defends defend replied responded responds argued vowed vows pledged pledges signalled
    signaled hinted conceded said says say told tells tell warned warns claimed claims described
    describes added adds stated states argues insisted insists stressed stresses noted notes
    explained explains announced announces confirmed confirms denied denies accused accuses
    criticised criticized criticises criticizes demanded demands urged urges called asked asks
    replies wrote writes admitted admits suggested suggests predicted predicts promised promises
    acknowledged acknowledges revealed reveals reported reports estimated estimates rejected rejects
    dismissed dismisses declared declares maintained maintains alleged alleges believes believed
    blamed blames praised praises condemned condemns emphasised emphasized tweeted posted commented
    comments according agreed agrees disputed disputes recalled recalls pointed concedes welcomed
    welcomes cautioned cautions wants wanted backed backs expects forecast forecasts declined disagreed
    disagrees objected objects countered counters slammed
    """
)
# the base form after a plural subject or a modal ("Critics argue", "Officials warn", "will insist"); verbs
# that are as often nouns ("demand", "claim", "report", "state", "stress", "dispute", "vow") are left out
EN_SPEECH_BASE_FORMS = words(
    """
    accuse acknowledge add admit agree allege announce argue ask concede condemn confirm criticise criticize
    declare deny describe disagree dismiss explain insist maintain predict reject respond reveal suggest urge
    warn write
    """
)
EN_SPEECH_VERBS |= EN_SPEECH_BASE_FORMS

# Verbs of opinion and expectation: the clause they govern is not a checkable fact.
DE_OPINION_VERBS = words(
    """
    befürchten befürchtet befürchtete fürchten fürchtet vermuten vermutet glauben glaubt hoffen
    hofft erwarten erwartet spekulieren spekuliert rechnen rechnet zweifeln zweifelt bezweifeln
    bezweifelt meinen
    """
)
EN_OPINION_VERBS = words(
    """
    fear fears feared hope hopes expect expects speculate speculated believe doubt doubts wonder
    wonders
    """
)

# --- check-worthiness cues ---------------------------------------------------------------------
DE_HEDGES = words(
    """
    könnte könnten dürfte dürften würde würden möglicherweise vielleicht vermutlich wahrscheinlich
    womöglich eventuell angeblich scheinbar offenbar wohl sollte sollten müsste müssten
    """
)
EN_HEDGES = words(
    """
    could might may would perhaps possibly probably likely apparently allegedly should seemingly
    maybe
    """
)
DE_GENERIC_SPEAKERS = words(
    """
    analysten experten beobachter kritiker kommentatoren beobachterinnen expertinnen analystinnen
    fachleute viele manche einige politische
    """
)
EN_GENERIC_SPEAKERS = {"analysts", "experts", "observers", "critics", "commentators", "many", "some"}
# Copula + evaluative adjective: "Die Reaktionen sind gemischt", "bleibt angespannt".
DE_EVALUATIVE = words(
    """
    gemischt angespannt verworren schwierig unklar ungewiss kompliziert offen spannend fraglich
    entscheidend wichtig bedeutend dramatisch positiv negativ schlecht gut besorgniserregend
    bemerkenswert beunruhigend fragil heikel problematisch umstritten zwiespältig ernüchternd
    enttäuschend komplex unsicher brisant explosiv festgefahren undurchsichtig vage zweifelhaft prekär
    historisch bedeutsam wegweisend richtungsweisend symbolisch kritisch ernst alarmierend
    besorgniserregend unübersichtlich verfahren düster ungewiss dringend notwendig nötig
    """
)
EN_EVALUATIVE = words(
    """
    mixed tense unclear uncertain complicated difficult crucial important worrying remarkable
    disappointing fragile controversial bleak murky complex precarious dramatic historic significant
    vital key critical alarming grim serious urgent necessary essential
    """
)
DE_COPULA = {"ist", "sind", "bleibt", "bleiben", "scheint", "scheinen", "wirkt", "wirken", "war", "waren"}
EN_COPULA = {"is", "are", "remains", "remain", "seems", "seem", "was", "were", "looks"}
DE_TEASER = phrases(
    """
    weitere informationen| mehr informationen| informationen finden sie| der artikel| dieser
    artikel| in diesem artikel| der beitrag| dieser beitrag| lesen sie| erfahren sie| hier lesen|
    mehr dazu| mehr zum thema| im folgenden| wir zeigen| wir erklären| alle infos| alle
    informationen| abonnieren| newsletter| der text beleuchtet| der bericht beleuchtet| die analyse
    beleuchtet
    """
)
EN_TEASER = phrases(
    """
    this article| the article| in this article| read more| click here| sign up| subscribe| find out|
    we explain| here's what| here is what| related:
    """
)
DE_WAIT_AND_SEE = phrases(
    """
    bleibt abzuwarten| wird sich zeigen| werden zeigen| wird zeigen| bleibt offen| ist unklar| ist
    offen| sind sich nicht sicher| ist nicht sicher| muss sich zeigen| wird entscheidend| werden
    entscheidend| kommenden wochen| kommenden monaten| kommenden jahren| in zukunft| wird erwartet|
    werden erwartet| es ist zu erwarten| ist zu erwarten| bleibt unklar| bleibt ungewiss| ist ungewiss|
    dürfte sich zeigen| wird sich weisen
    """
)
EN_WAIT_AND_SEE = phrases(
    """
    remains to be seen| it is unclear| only time will tell| will tell| in the coming weeks| in the
    coming months| in the future| are not sure| is not sure| it remains unclear| is expected to| are
    expected to| is likely to| are likely to| remains unclear| it is not clear| it is too early
    """
)

# "der letzte …", "erst …", "bisher": true when written, possibly outdated later.
DE_TIME_RELATIVE = phrases(
    """
    der letzte| die letzte| das letzte| den letzten| dem letzten| des letzten| der jüngste| die
    jüngste| das jüngste| den jüngsten| dem jüngsten| erst| bisher| bislang| noch nie| zum ersten
    mal| erstmals| derzeit| aktuell| zurzeit| momentan| noch immer| weiterhin| seit
    """
)
EN_TIME_RELATIVE = phrases(
    """
    the last| the latest| so far| to date| until now| yet| currently| for the first time| still|
    since| never before| only
    """
)

# --- persons: roles, titles, names -------------------------------------------------------------
# Role nouns that introduce a person ("die Politologin Alexandra Filipenko"). Matched as suffix of a
# capitalised token, so "US-Präsident", "Verteidigungsminister", "Regierungssprecherin" all hit. Austrian and
# Swiss offices too ("Verkehrslandesrätin", "Landeshauptmann", "Regierungsrätin"); not the forms that also name a
# body ("der Regierungsrat", "der Gemeinderat" beschloss)
DE_ROLE_SUFFIXES = phrases(
    """
    redakteur| redakteurin| geschäftsführer| geschäftsführerin| dezernent| dezernentin| intendant|
    intendantin| präses| rabbiner| oberrabbiner| kardinal| erzbischof| politiker| politikerin|
    vertreter| vertreterin| pfarrer| bischof| chefredakteur| chefredakteurin| verteidiger|
    verteidigerin| staatsanwältin| kläger| klägerin| präsident| präsidentin| minister| ministerin|
    sprecher| sprecherin| chef| chefin| kanzler| kanzlerin| vorsitzende| vorsitzender| politologe|
    politologin| wissenschaftler| wissenschaftlerin| experte| expertin| analyst| analystin|
    abgeordnete| abgeordneter| direktor| direktorin| leiter| leiterin| botschafter| botschafterin|
    sekretär| sekretärin| senator| senatorin| gouverneur| gouverneurin| bürgermeister|
    bürgermeisterin| richter| richterin| anwalt| anwältin| ökonom| ökonomin| trainer| trainerin|
    forscher| forscherin| manager| managerin| premier| premierminister| premierministerin|
    staatschef| staatschefin| regierungschef| regierungschefin| ministerpräsident|
    ministerpräsidentin| professor| professorin| journalist| journalistin| autor| autorin|
    kommissar| kommissarin| beauftragte| beauftragter| vorständin| vorstandschefin| vorstand| gründer|
    gründerin| historiker|
    historikerin| soziologe| soziologin| ärztin| arzt| virologe| virologin| kandidat| kandidatin|
    könig| königin| papst| general| oberst| generalin| admiral| diplomat| diplomatin| aktivist|
    aktivistin| funktionär| funktionärin| staatssekretär| staatssekretärin| oppositionsführer|
    oppositionsführerin| parteichef| parteichefin| sprecherin| ermittler| ermittlerin| staatsanwalt|
    staatsanwältin| oberstaatsanwalt| polizeisprecher| vizekanzler| vizekanzlerin| vize| landrat|
    landrätin| stadtrat| stadträtin| kapitän| spieler| spielerin| sänger| sängerin| schauspieler|
    schauspielerin| unternehmer| unternehmerin| ökonom| mediziner| medizinerin| epidemiologe|
    epidemiologin| klimaforscher| klimaforscherin| ceo| chairman| koordinator| koordinatorin|
    berater| beraterin| referent| referentin| ombudsmann| ombudsfrau| obmann| obfrau| dekan| dekanin|
    landesrat| landesrätin| landeshauptmann| landeshauptfrau| bezirkshauptmann| bezirkshauptfrau|
    regierungsrätin| gemeinderätin| geologe| geologin
    """
)
DE_TITLES = {"herr": "m", "frau": "f", "dr.": "", "prof.": "", "professor": "m", "professorin": "f"}
EN_TITLES = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "dr": "",
    "dr.": "",
    "prof": "",
    "prof.": "",
    "sir": "m",
    "lord": "m",
    "lady": "f",
    "dame": "f",
    "president": "",
    "senator": "",
    "governor": "",
    "judge": "",
    "chancellor": "",
    "minister": "",
    "secretary": "",
    "general": "",
    "captain": "",
    "coach": "",
    "rep.": "",
    "sen.": "",
    "gov.": "",
    "prime": "",
    "chief": "",
    "inspector": "",
    "detective": "",
    "superintendent": "",
    "commissioner": "",
    "mayor": "",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "pope": "m",
    "archbishop": "m",
    "bishop": "",
    "father": "m",
}
EN_ROLE_NOUNS = {
    "judge": "",
    "prosecutor": "",
    "detective": "",
    "inspector": "",
    "coroner": "",
    "sheriff": "",
    "spokesman": "m",
    "spokeswoman": "f",
    "spokesperson": "",
    "chairman": "m",
    "chairwoman": "f",
    "director": "",
    "executive": "",
    "analyst": "",
    "economist": "",
    "professor": "",
    "leader": "",
    "minister": "",
    "secretary": "",
    "president": "",
    "chief": "",
    "head": "",
    "manager": "",
    "founder": "",
    "lawyer": "",
    "author": "",
    "researcher": "",
    "scientist": "",
    "official": "",
    "ambassador": "",
    "senator": "",
    "governor": "",
    "mayor": "",
    "coach": "",
    "boss": "",
    "chancellor": "",
    "mp": "",
    "campaigner": "",
    "expert": "",
    "editor": "",
    "singer": "",
    "actor": "m",
    "actress": "f",
    "player": "",
    "captain": "",
    "striker": "",
    "midfielder": "",
    "defender": "",
    "goalkeeper": "",
    "winger": "",
    "champion": "",
    "star": "",
    "ceo": "",
    "commissioner": "",
    "premier": "",
    "representative": "",
}
# Female forms of German role nouns end in -in (Politologin); male forms do not.

# Words that look like the first word of a name but are not (capitalised German function words,
# sentence adverbs, month names …): never the start of a person mention.
NOT_NAME_WORDS = words(
    """
    der die das den dem des ein eine einer eines einem einen er sie es wir ich ihr man auch aber
    doch und oder so als wie wenn dass nach vor bei mit von für im in am an auf aus zu zum zur über
    unter seit bis trotz während laut dies diese dieser dieses jetzt heute gestern morgen dabei
    damit dann da zudem außerdem insgesamt bereits erst noch nun schon immer nicht kein keine the a
    and but or he she it they we i you this that these those on at for with from by of to as if when
    while after before since mr mrs ms dr his her their its our my your there here what who how why
    where all some many most more one two three new last first also however meanwhile monday tuesday
    wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag
    sonntag january february march april may june july august september october november december
    januar februar märz mai juni juli oktober dezember was wer warum sein seine seinen seiner ihre
    ihren ihrer unser unsere mehr viele einige alle beide beiden jeder jede jedes mehrere weitere
    andere
    """
)
