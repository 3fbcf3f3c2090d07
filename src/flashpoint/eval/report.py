"""Human-readable tables for `flashpoint eval`."""

from __future__ import annotations

from typing import Any

HEADLINE = [("type_accuracy", "PLOVER type accuracy"), ("macro_f1", "PLOVER macro-F1"),
            ("coverage", "coverage (sentences with any event)"), ("source_head_match", "source head-word match"),
            ("source_overlap", "source token-overlap >= 0.5"), ("target_head_match", "target head-word match"),
            ("target_overlap", "target token-overlap >= 0.5"), ("triple_match", "full triple match"),
            ("cameo_root_accuracy", "CAMEO root accuracy"), ("cameo_full_accuracy", "CAMEO full-code accuracy"),
            ("penta_accuracy", "penta-class accuracy"), ("actor_country_accuracy", "actor country accuracy (gold spans)"),
            ("actor_sector_accuracy", "actor sector accuracy (gold spans)"),
            ("actor_country_accuracy_e2e", "actor country accuracy (end to end)"),
            ("actor_sector_accuracy_e2e", "actor sector accuracy (end to end)")]


def format_report(r: dict[str, Any]) -> str:
    lines = [f"file: {r['file']}", f"rows: {r['rows']}   method: {r['method']}", ""]
    for key, label in HEADLINE:
        if key in r:
            lines.append(f"  {label:<40} {r[key]:.3f}")
    if "per_type" in r:
        lines += ["", f"  {'type':<11} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>5}"]
        for lab, m in sorted(r["per_type"].items()):
            lines.append(f"  {lab:<11} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:5d}")
    if "confusion" in r:
        preds = sorted({p for row in r["confusion"].values() for p in row})
        short = {p: p[:4] for p in preds}
        lines += ["", "  confusion (rows = gold, columns = predicted)",
                  "  " + " " * 10 + " ".join(f"{short[p]:>4}" for p in preds)]
        for g, row in r["confusion"].items():
            lines.append(f"  {g[:10]:<10}" + " ".join(f"{row.get(p, 0):>4}" for p in preds))
    if r.get("reliability"):
        lines += ["", "  reliability (confidence bin -> share correct)"]
        for b in r["reliability"]:
            lines.append(f"  {b['bin']}  n={b['n']:<5} accuracy={b['accuracy']:.3f}")
    return "\n".join(lines)
