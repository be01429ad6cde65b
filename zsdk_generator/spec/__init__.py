"""Reading a spec: load (+ bundle), upgrade to the internal 3.1 dialect, validate."""
