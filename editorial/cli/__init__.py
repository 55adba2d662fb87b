"""The `editorial` command line: thin click commands over the library in editorial.core."""
