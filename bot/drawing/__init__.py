"""Pictures drawn from content: exercise figures and the progress chart (Pillow, no Telegram)."""
