"""Measure the sentiment scorer on a labelled set (the shipped held-out set by default)."""

from django.core.management.base import BaseCommand, CommandError

from analytics.sentiment.evaluation import EVAL_FILE, LABELS, MalformedFile, evaluate, read_examples


class Command(BaseCommand):
    help = "Print accuracy, macro-F1, per-class figures and a confusion matrix per language."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(EVAL_FILE), help="TSV with columns language, label, text."
        )

    def handle(self, *args, **options):
        try:
            examples = read_examples(options["file"])
        except MalformedFile as error:
            raise CommandError(str(error)) from None
        out = self.stdout.write
        for language, report in sorted(evaluate(examples).items()):
            out(
                f"{language}: n={report.n} accuracy={report.accuracy:.3f} "
                f"macro-F1={report.macro_f1:.3f}"
            )
            out(f"  {'class':<10}{'precision':>10}{'recall':>10}{'F1':>10}")
            for label in LABELS:
                out(
                    f"  {label:<10}{report.precision(label):>10.3f}"
                    f"{report.recall(label):>10.3f}{report.f1(label):>10.3f}"
                )
            out("  confusion (rows: gold, columns: predicted)")
            out("  " + " " * 10 + "".join(f"{label:>10}" for label in LABELS))
            for gold in LABELS:
                cells = "".join(f"{report.confusion[(gold, p)]:>10}" for p in LABELS)
                out(f"  {gold:<10}{cells}")
