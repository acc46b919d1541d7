"""What an operator sees and does to a running bot: metrics, health, reload, structured logs.

Plain functions and objects, independent of the web server that serves them (http.py wires them
into tornado, which python-telegram-bot already uses for webhooks).
"""
