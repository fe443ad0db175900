"""Every code cell of every seed has a Java counterpart in the lessons.

For each seed NNN the mapping file notebooks/seed-cells-NNN.md has a table whose first column is the seed's
code-cell index. The index set is recounted from the seed itself where its format allows, and every index must
be named by some `seed=NNN:INDEX` attribute of a code cell in notebooks/src/*.md.
"""
import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.dirname(HERE)
ROOT = os.path.dirname(NOTEBOOKS)
sys.path.insert(0, os.path.join(NOTEBOOKS, "tools"))
import lesson  # noqa: E402



def find_seeds():
    """The seeds live beside the repository (../shared/seeds); a worktree sits one level deeper."""
    candidates = [os.environ.get("JAVA_ASYNC_SEEDS", ""),
                  os.path.join(os.path.dirname(ROOT), "shared", "seeds"),
                  os.path.join(os.path.dirname(os.path.dirname(ROOT)), "shared", "seeds")]
    return next((c for c in candidates if c and os.path.isdir(c)), None)


SEEDS_DIR = find_seeds()
SEED_FILES = {
    "000": "000_2f8c0133944065e7.txt",
    "001": "001_057896fbe2ce23c9.txt",
    "002": "002_e259eb1f6d51e8e5.txt",
    "003": "003_cc7a8cba1873b720.txt",
    "004": "004_9668ecbf3c62044e.txt",
}


def table_indexes(seed):
    """The index column of the first table in seed-cells-NNN.md whose header starts with `| index |`."""
    with open(os.path.join(NOTEBOOKS, f"seed-cells-{seed}.md"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(r"^\|\s*index\s*\|", line))
    indexes = []
    for line in lines[start + 2:]:  # skip the header and its |---| rule
        if not line.startswith("|"):
            break
        indexes.append(int(line.split("|")[1].strip()))
    return indexes


def seed_lines(seed):
    with open(os.path.join(SEEDS_DIR, SEED_FILES[seed]), encoding="utf-8") as f:
        return f.read().splitlines()


def count_in_none_marks(lines):
    """Seed 002 is a notebook flattened to text: every code cell starts with a line `In [None]:`."""
    return sum(1 for line in lines if line.strip() == "In [None]:")


def count_python_fences(lines):
    """Seeds 001 and 004 are Markdown: every code cell opens with a ```python fence."""
    return sum(1 for line in lines if line.strip() == "```python")


def count_gutter_blocks(lines):
    """Seed 000 is a web page flattened to text: a code block is a gutter of lines 1..N, then N code lines."""
    count, i = 0, 0
    while i < len(lines):
        if lines[i].strip() == "1":
            n = 1
            while i + n < len(lines) and lines[i + n].strip() == str(n + 1):
                n += 1
            count += 1
            i += 2 * n  # the gutter and the code it numbers
        else:
            i += 1
    return count


RECOUNT = {"000": count_gutter_blocks, "001": count_python_fences, "002": count_in_none_marks,
           "004": count_python_fences}  # 003 lost its fences and duplicates its blocks: its table is the count


def mapped_seed_cells():
    """{(seed, index)} named by `seed=` attributes of the code cells of all lesson sources."""
    found = set()
    src = os.path.join(NOTEBOOKS, "src")
    for name in sorted(os.listdir(src)):
        if not name.endswith(".md"):
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            for cell in lesson.parse(f.read()):
                for ref in cell["attrs"].get("seed", "").split(","):
                    if ref:
                        seed, index = ref.split(":")
                        found.add((seed, int(index)))
    return found


class SeedCellMappingTest(unittest.TestCase):

    def test_each_mapping_table_numbers_the_seed_cells_one_to_n_without_gaps(self):
        for seed in SEED_FILES:
            with self.subTest(seed=seed):
                indexes = table_indexes(seed)
                self.assertEqual(indexes, list(range(1, len(indexes) + 1)))

    @unittest.skipUnless(SEEDS_DIR, "seeds not found beside the repository (set JAVA_ASYNC_SEEDS)")
    def test_each_mapping_table_has_as_many_rows_as_the_seed_has_code_cells(self):
        self.assertEqual(len(table_indexes("002")), 43, "the seed's README says 43 code cells")
        for seed, count in RECOUNT.items():
            with self.subTest(seed=seed):
                self.assertEqual(len(table_indexes(seed)), count(seed_lines(seed)))

    def test_every_seed_code_cell_has_a_java_cell_that_names_it(self):
        mapped = mapped_seed_cells()
        for seed in SEED_FILES:
            with self.subTest(seed=seed):
                missing = [i for i in table_indexes(seed) if (seed, i) not in mapped]
                self.assertEqual(missing, [], f"seed {seed} cells without a Java counterpart")

    def test_every_seed_attribute_names_a_cell_that_exists(self):
        known = {(seed, i) for seed in SEED_FILES for i in table_indexes(seed)}
        self.assertEqual(sorted(mapped_seed_cells() - known), [])


if __name__ == "__main__":
    unittest.main()
