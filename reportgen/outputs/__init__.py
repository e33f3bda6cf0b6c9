"""Write what a run makes: HTML, PDF, Word, the check report, the sources CSV, the log."""
