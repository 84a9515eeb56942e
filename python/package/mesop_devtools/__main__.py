"""`python -m mesop_devtools ...` is the same as the `mesop-devtools` console script."""
from mesop_devtools.launcher import main

main()
