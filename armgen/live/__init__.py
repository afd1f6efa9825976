"""Reading a deployed environment through its target: resources by id, polling for what lags, and the live
state model that answers reference() from it. Used by verify, roles test and drift alike."""
