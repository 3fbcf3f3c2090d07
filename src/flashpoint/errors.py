"""Named exceptions. The library raises these; the CLI and API turn them into messages."""


class FlashpointError(Exception):
    """Base class for all errors raised by Flashpoint."""


class IngestError(FlashpointError):
    """An input record cannot be read or cleaned (bad encoding, empty, binary, malformed...)."""

    def __init__(self, origin: str, reason: str, stage: str = "ingest") -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
        self.stage = stage


class LexiconError(FlashpointError):
    """A knowledge file (lexicon, actor dictionary) is invalid; the message names file and line."""


class ModelError(FlashpointError):
    """The spaCy model or a trained artifact cannot be loaded."""


class StoreError(FlashpointError):
    """The database cannot be opened, migrated or written."""


class ConfigError(FlashpointError):
    """Settings are invalid."""
