"""The audit trail as pure functions over plain records: row digests, the hash chain, checkpoints.

services.audit writes events and reads them back; everything that decides whether history was
tampered with lives here and is tested without a database.
"""
