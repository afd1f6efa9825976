"""Expression engine throughput: parses/s and evaluations/s of typical template expressions, and
template expansions/s of the committed example, printed as numbers and ratios (never asserted).

    python benchmarks/expression_eval.py [--seconds 2]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from armgen.arm import DeploymentContext, Evaluator, expand, parse_expression
from armgen.arm.parser import parse_template_string
from armgen.arm.template import TemplateEngine

ROOT = Path(__file__).resolve().parents[1]
EXPRESSIONS = [
    "concat(parameters('prefix'), uniqueString(resourceGroup().id))",
    "resourceId('Microsoft.Storage/storageAccounts', toLower(format('st{0}{1}', parameters('prefix'), 'data')))",
    "guid(resourceGroup().id, parameters('principalId'), subscriptionResourceId('Microsoft.Authorization/"
    "roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'))",
    "if(equals(parameters('env'), 'pro'), createObject('sku', 'Premium'), createObject('sku', 'Standard'))",
    "map(range(0, 10), lambda('i', concat('subnet-', string(lambdaVariables('i')))))",
    "union(parameters('tags'), createObject('env', parameters('env'), 'owner', 'ml-platform'))",
]


def _rate(fn, seconds: float) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        count += 1
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0)
    args = parser.parse_args()
    template = {"parameters": {"prefix": {"type": "string", "defaultValue": "mlp"},
                               "env": {"type": "string", "defaultValue": "dev"},
                               "principalId": {"type": "string", "defaultValue": "1111"},
                               "tags": {"type": "object", "defaultValue": {"a": "b"}}}, "resources": []}
    engine = TemplateEngine(template, {}, DeploymentContext())
    ev = engine.evaluator()
    trees = [parse_expression(e) for e in EXPRESSIONS]

    def parse_all() -> None:
        for e in EXPRESSIONS:
            parse_expression(e)

    def parse_cached() -> None:
        for e in EXPRESSIONS:
            parse_template_string(f"[{e}]")

    def evaluate_all() -> None:
        for t in trees:
            Evaluator.evaluate(ev, t)

    n = len(EXPRESSIONS)
    parse_rate = _rate(parse_all, args.seconds) * n
    cached_rate = _rate(parse_cached, args.seconds) * n
    eval_rate = _rate(evaluate_all, args.seconds) * n
    print(f"parse (cold)        {parse_rate:12,.0f} expressions/s")
    print(f"parse (memoised)    {cached_rate:12,.0f} expressions/s   ratio {cached_rate / parse_rate:6.1f}x")
    print(f"evaluate (parsed)   {eval_rate:12,.0f} expressions/s   ratio to cold parse {eval_rate / parse_rate:6.2f}")
    templates = sorted((ROOT / "templates").glob("*.json"))
    pairs = []
    for t in templates:
        params = sorted((ROOT / "parameters").glob(f"{t.stem}*.parameters.dev.json"))
        if params:
            values = {k: v.get("value") for k, v in json.loads(params[0].read_text())["parameters"].items()
                      if "value" in v}
            pairs.append((json.loads(t.read_text()), values))
    if pairs:
        ctx = DeploymentContext(resource_group="rg-bench")

        def expand_all() -> None:
            for doc, values in pairs:
                at_sub = "subscriptionDeploymentTemplate" in doc.get("$schema", "")
                expand(doc, values, ctx.for_subscription() if at_sub else ctx)

        rate = _rate(expand_all, args.seconds) * len(pairs)
        print(f"expand (example)    {rate:12,.0f} templates/s over {len(pairs)} committed templates")


if __name__ == "__main__":
    main()
