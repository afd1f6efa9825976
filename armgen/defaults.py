"""Default file names, render formats, deploy targets and the release's integration environment: constants the
CLI needs before any heavy module loads."""

DEFAULT_SPEC = "mlenv.yaml"
DATASTORE_CONFIG = "datastore_config.json"
TARGETS = ("emulator", "azure")
RENDER_FORMATS = ("arm", "bicep")
INTEGRATION = "int"  # the environment the release deploys, verifies and tears down before any other
