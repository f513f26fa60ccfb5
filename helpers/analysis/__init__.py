"""The analysis room: the claim rules and their verdicts, and recorded results for tests. Imports `data` only."""
