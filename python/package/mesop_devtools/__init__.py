"""mesop-devtools for Python users: the Node CLI and the Chrome extension, run by `mesop-devtools`."""
