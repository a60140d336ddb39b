"""Pages of the workplace register, of matching and applications, of allocation rounds and of the gap map."""
