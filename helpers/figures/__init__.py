"""The figures room: the house style, maps and one chart module per notebook subject. Imports `data` (and
`analysis` only where a chart draws a verdict; helpers/README.md names each case)."""
