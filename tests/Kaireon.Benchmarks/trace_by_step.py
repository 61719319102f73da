#!/usr/bin/env python3
"""Where a decision's CPU goes, from a dotnet-trace thread-time trace converted to speedscope
(docs/benchmarks.md, Decisioning): the share of each flow node (the outermost *Step.Run frame under
DecisionExecutor.Run), then each innermost Kaireon.Core method with the first frame it calls.
  dotnet-trace convert --format speedscope -o decide.json decide.nettrace
  python3 tests/Kaireon.Benchmarks/trace_by_step.py decide.speedscope.json"""
import collections
import json
import sys

data = json.load(open(sys.argv[1]))
frames = [f["name"] for f in data["shared"]["frames"]]
steps, methods, total = collections.Counter(), collections.Counter(), 0.0
for profile in data["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        if stack and last is not None:
            names = [frames[f] for f in stack]
            if any("DecisionExecutor.Run" in n for n in names):
                spent = event["at"] - last
                total += spent
                step = next((n for n in names if "Step.Run" in n), None)
                steps[step.split("(")[0].split(".")[-2] if step else "DecisionExecutor (own)"] += spent
                inner = max(i for i, n in enumerate(names) if "Kaireon.Core" in n)
                callee = names[inner + 1].split("(")[0].split("!")[-1] if inner + 1 < len(names) else "(self)"
                methods[(names[inner].split("(")[0].replace("Kaireon.Core!Kaireon.Core.", ""), callee)] += spent
        last = event["at"]
        stack = stack + [event["frame"]] if event["type"] == "O" else stack[:-1]
for name, spent in steps.most_common():
    print(f"{100 * spent / total:5.1f}%  {name}")
print("---")
for (method, callee), spent in methods.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 25):
    print(f"{100 * spent / total:5.1f}%  {method}  ->  {callee}")
