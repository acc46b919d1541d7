"""`python -m bot [run|console|ask|check|…]`, the same as the `backcare-bot` command."""

import sys

from bot.cli import main

sys.exit(main())
