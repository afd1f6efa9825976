"""Default file names, render formats and deploy targets: constants the CLI needs before any heavy module loads."""

DEFAULT_SPEC = "mlenv.yaml"
DATASTORE_CONFIG = "datastore_config.json"
TARGETS = ("emulator", "azure")
RENDER_FORMATS = ("arm", "bicep")
