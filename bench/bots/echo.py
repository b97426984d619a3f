#!/usr/bin/env python3
"""Bench bot: parses each day's view and answers nothing (the protocol's cost, no strategy)."""
import json, sys
for raw in sys.stdin:
    msg = json.loads(raw)
    if msg["type"] == "hello":
        print(json.dumps({"type": "ready", "name": "echo-py", "protocol": 1}), flush=True)
    elif msg["type"] == "day":
        print(json.dumps({"type": "actions", "day": msg["day"], "actions": []}), flush=True)
    else:
        break
