from flashpoint.clean.cleaner import Cleaner, detect_language, normalise_text
from flashpoint.models import Article, CleanArticle, Quarantined
from flashpoint.settings import Settings

HTML = """<html><head><title>Troops deployed | Example News</title></head><body>
<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>
<article><h1>Troops deployed</h1>
<p>The United States said on Monday it will deploy more troops to Poland after Russia massed forces on the border.</p>
<p>Polish officials welcomed the decision and thanked Washington for its support.</p></article>
<footer>Connect with us. Share this article. Copyright 2026.</footer></body></html>"""


def test_html_main_text_without_boilerplate():
    c = Cleaner(Settings())(Article("h1", HTML, "x.html", fmt="html"))
    assert isinstance(c, CleanArticle)
    assert "deploy more troops to Poland" in c.text
    assert "Connect with us" not in c.text and "Home" not in c.text
    assert c.title and "Troops deployed" in c.title


def test_empty_html_is_quarantined():
    c = Cleaner(Settings())(Article("h2", "<html><head><script>var a = 1;</script></head><body><div></div></body></html>", "y.html", fmt="html"))
    assert isinstance(c, Quarantined) and c.stage == "clean" and "y.html" in c.message()


def test_language_detection():
    assert detect_language("The president said on Monday that the army would withdraw from the city.") == "en"
    assert detect_language("Le président a déclaré lundi que l'armée se retirerait de la ville et des environs.") == "other"
    assert detect_language("Президент заявил в понедельник, что армия уйдет из города.") == "other"


def test_normalise_removes_datelines_and_controls():
    t = normalise_text("MOSCOW (Reuters) - Russia said\u0007 it   would act.\r\n\r\n\r\nSecond paragraph.")
    assert t == "Russia said it would act.\n\nSecond paragraph."
    # a text of printable characters only (the fast path) and one with a zero-width space and a soft hyphen
    assert normalise_text("Troops\tcrossed the border.\nTalks resumed.") == "Troops crossed the border.\nTalks resumed."
    assert normalise_text("Cease\u00adfire\u200b talks\u00a0began.") == "Ceasefire talks began."


def test_too_long_text_quarantined():
    c = Cleaner(Settings(max_text_chars=10))(Article("l", "x" * 50, "long.txt"))
    assert isinstance(c, Quarantined) and "limit" in c.reason
