"""The appeals app's pages, by concern: the loop (`loop`) and reception days (`reception`)."""
