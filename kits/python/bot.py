#!/usr/bin/env python3
"""Beauty Contest starter bot (Python 3, standard library only).

Speaks bot protocol v1 (docs/bots.md): reads one JSON line per message on stdin, answers on
stdout, logs on stderr. Plays a sensible miner: buys the cheapest mining site it can afford,
fills it with the ASIC that earns most per dollar, sells half of what it mines, and backs the
narrative with more hype in the beauty contest. Edit `decide` and keep the loop as it is.
"""
import json
import random
import sys

try:  # validate.py sits next to this file; without the schema the bot still plays, unchecked.
    from validate import validate_message
    validate_message("fromBot", {"type": "actions", "actions": []})
except (ImportError, OSError):
    validate_message = None

PROTOCOL = 1
NAME = "python-kit"
RESERVE_USD = 2_000_000   # kept for power bills
MIN_USEFUL_DAYS = 20      # hardware arriving later than this before the end is not worth it


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def send(msg):
    sys.stdout.write(json.dumps(msg, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def region_of(view, region_id):
    return next((r for r in view["regions"] if r["id"] == region_id), None)


def unit_price_usd(view, model):
    if model["kind"] == "asic":
        return view["world"]["asicUsdPerTh"] * model["hashrateThs"] * model["priceIndexMultiple"]
    return view["world"]["gpuPriceUsd"].get(model["id"], model["basePriceUsd"])


def unit_mw(view, model, region_id):
    region = region_of(view, region_id)
    return model["powerKw"] / 1000 * (region["pue"] if region else 1)


def hashprice(view):
    w = view["world"]
    if w["hashpriceUsdPerPhDay"] > 0:
        return w["hashpriceUsdPerPhDay"]
    phs = w["networkHashrateEhs"] * 1000
    return 144 * (w["subsidyBtc"] + w["feesBtcPerBlock"]) * w["btcUsd"] / phs if phs > 0 else 0


def margin_usd_per_day(view, model, region_id):
    region = region_of(view, region_id)
    power_usd = unit_mw(view, model, region_id) * 24 * (region["powerUsdPerMwh"] if region else 50)
    return model["hashrateThs"] / 1000 * hashprice(view) - power_usd


def my_sites(view):
    return [s for s in view["sites"] if s["ownerId"] == view["playerId"]]


def free_mw(view, site, used):
    if site["status"] != "active":
        return 0
    committed = site["hostedMw"]
    models = {m["id"]: m for m in view["catalogue"]}
    for lot in view["me"]["lots"]:
        model = models.get(lot["modelId"])
        if lot["siteId"] == site["id"] and lot["status"] != "stored" and model:
            committed += unit_mw(view, model, site["regionId"]) * lot["count"]
    return max(0.0, site["energisedMw"] - committed - used.get(site["id"], 0))


def decide(view, memory, rng):
    me = view["me"]
    if me is None or view["phase"] != "running":
        return []
    out = []
    cash = max(0.0, me["cashUsd"] - RESERVE_USD)
    used_mw = {}
    if me["sellMinedPct"] != 50:
        out.append({"type": "setTreasuryPolicy", "sellMinedPct": 50})

    sites = my_sites(view)
    if not sites:
        listed = [s for s in view["sites"] if s["ownerId"] is None and s["tier"] == "mining" and s["status"] == "active"
                  and s["energisedMw"] > 0 and 0 < s["listPriceUsd"] <= cash]
        listed.sort(key=lambda s: s["listPriceUsd"] / s["energisedMw"])
        if listed:
            cash -= listed[0]["listPriceUsd"]
            out.append({"type": "buySite", "siteId": listed[0]["id"]})
            log(f"day {view['day']}: buying {listed[0]['id']} for ${listed[0]['listPriceUsd']:,.0f}")

    models = {m["id"]: m for m in view["catalogue"]}
    active = [s for s in sites if s["status"] == "active"]
    for lot in me["lots"]:
        model = models.get(lot["modelId"])
        if lot["status"] != "stored" or lot["count"] <= 0 or not model:
            continue
        for site in active:
            if model["kind"] == "gpu" and site["tier"] != "ai":
                continue
            per_unit = unit_mw(view, model, site["regionId"])
            fit = min(lot["count"], int(free_mw(view, site, used_mw) // per_unit))
            if fit > 0:
                used_mw[site["id"]] = used_mw.get(site["id"], 0) + fit * per_unit
                out.append({"type": "installHardware", "lotId": lot["id"], "siteId": site["id"], "count": fit})
                break

    if view["day"] + view["world"]["asicLeadTimeDays"] <= view["endDay"] - MIN_USEFUL_DAYS:
        for site in active:
            asics = [m for m in view["catalogue"] if m["kind"] == "asic" and unit_price_usd(view, m) > 0]
            if not asics:
                break
            best = max(asics, key=lambda m: margin_usd_per_day(view, m, site["regionId"]) / unit_price_usd(view, m))
            margin = margin_usd_per_day(view, best, site["regionId"])
            price = unit_price_usd(view, best)
            # Only machines that pay for themselves within a year.
            if margin <= 0 or price / margin > 365:
                continue
            per_unit = unit_mw(view, best, site["regionId"])
            count = min(int(free_mw(view, site, used_mw) // per_unit), int(cash // (price * 1.02)))
            if count >= 10:
                cash -= count * price * 1.02
                used_mw[site["id"]] = used_mw.get(site["id"], 0) + count * per_unit
                out.append({"type": "orderHardware", "modelId": best["id"], "count": count, "siteId": site["id"]})

    contest = view["contest"]
    if me["contestPick"] is None and contest["maxStakeUsd"] > 0:
        hype = view["world"]["hype"]
        pick = "crypto" if hype["crypto"] >= hype["ai"] else "ai"
        stake = min(100_000, contest["maxStakeUsd"], cash)
        if stake > 0:
            out.append({"type": "contestPick", "narrative": pick, "stakeUsd": round(stake, 2)})
    memory["days"] = memory.get("days", 0) + 1
    return out


def main():
    memory = {}
    rng = random.Random()
    for raw in sys.stdin:
        if not raw.strip():
            continue
        msg = json.loads(raw)
        kind = msg.get("type")
        if kind == "hello":
            # Seed your randomness from the match so a replay of the league is the same.
            rng.seed(msg["seed"])
            log(f"hello: I am {msg['playerId']} in {msg['scenarioId']}, budget {msg['budgetMs']} ms per day")
            send({"type": "ready", "name": NAME, "protocol": PROTOCOL})
        elif kind == "day":
            try:
                actions = decide(msg["view"], memory, rng)
            except Exception as e:  # a bug costs one day, not the match
                log(f"day {msg['day']}: decide failed: {e!r}")
                actions = []
            answer = {"type": "actions", "day": msg["day"], "actions": actions}
            # Check against the schema before sending: a bad action is logged here, not struck there.
            errors = validate_message("fromBot", answer) if validate_message else []
            if errors:
                log(f"day {msg['day']}: dropping today's actions, they do not match the schema:\n  " + "\n  ".join(errors))
                answer["actions"] = []
            send(answer)
        elif kind == "end":
            log(f"match over on day {msg['day']} after {memory.get('days', 0)} days played")
            break


if __name__ == "__main__":
    main()
