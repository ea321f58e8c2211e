"""The site's own pages: home, about, contribute, search and "not found"."""

from __future__ import annotations

import dataclasses

from collections import Counter

from ..contribute import contribute_view
from ..formchecks import form_checks_json
from ..i18n import _, ngettext, number
from ..kinds import ACTIVITY, CONSULTANT, INITIATIVE, KINDS, MATCH, NEED
from ..paths import listing_path, region_path, topic_path
from ..reference import STATUS_LABELS
from ..verdicts import is_open
from ..views import AboutView, Fact, Figure, HomeView, Item, Page, Section
from .context import Context

def home(ctx: Context, feeds: tuple) -> Page:
    """`feeds`: the site's feeds, as links."""
    lookup = ctx.lookup
    activities = ctx.catalog.records[ACTIVITY.collection]
    involved = {c for a in activities for c in ACTIVITY.countries(a)}
    open_needs = [n for n in NEED.sorted(ctx.catalog.records[NEED.collection]) if is_open(n, ctx.today)]
    consultants, initiatives = ctx.catalog.records[CONSULTANT.collection], ctx.catalog.records[INITIATIVE.collection]
    figures = (
        Figure(number(len(activities)), ACTIVITY.counted(len(activities)), listing_path(ACTIVITY.collection)),
        # i18n: the label under a figure: the number n is shown above it, in large type.
        Figure(number(len(involved)), ngettext("country involved", "countries involved", len(involved)),
               "countries/index.html"),
        Figure(number(len(consultants)), CONSULTANT.counted(len(consultants)), listing_path(CONSULTANT.collection)),
        Figure(number(len(initiatives)), INITIATIVE.counted(len(initiatives)), listing_path(INITIATIVE.collection)),
        # i18n: the label under a figure: the number n is shown above it, in large type.
        Figure(number(len(open_needs)), ngettext("open need", "open needs", len(open_needs)),
               listing_path(NEED.collection, "status", "open")),
    )
    latest = INITIATIVE.sorted(ctx.catalog.records[INITIATIVE.collection])[:4]
    sections = (
        Section("latest-initiatives", _("Latest initiatives"), ctx.cards(INITIATIVE, latest),
                more=Item(_("All initiatives"), listing_path(INITIATIVE.collection))),
        Section("open-needs", _("Open needs"), ctx.cards(NEED, open_needs[:4]),
                empty=_("No open needs at the moment."), more=Item(_("All needs"), listing_path(NEED.collection))),
    )
    wipo = tuple(Item(ctx.wipo_name(code), region_path(code)) for code in ctx.ref.wipo_regions if code in lookup.by_region)
    topics = tuple(Item(ctx.label("topics", code), topic_path(code)) for code in ctx.ref.vocabularies["topics"].terms
                   if code in lookup.by_topic)
    by_country = lookup.by_country
    top_countries = sorted(by_country, key=lambda c: (-sum(len(v) for v in by_country[c].values()), c))[:12]
    countries = tuple(ctx.country(c) for c in ctx.by_name(top_countries))
    browse = ((_("By region"), wipo), (_("By topic"), topics),
              (_("By country"), countries + (Item(_("All countries"), "countries/index.html"),)))
    f = ctx.figures_for("index.html")
    charts = (
        f.activity_map("activity-map", activities, _("Where the activities were"),
                       _("Countries shaded by the number of activities they hosted or benefited from.")),
        f.per_year_by_provider_region("activities-per-year", activities, _("Activities per year"),
                                      _("Activities each year, by the WIPO regional grouping of their hosts.")),
        f.regional_flows("regional-flows", activities, _("Who provided to whom"),
                         _("Activities by the region of their hosts (rows) and of their beneficiaries (columns).")),
        f.ranked("top-providers", activities, f.parties.hosts, _("Most active providers"),
                 _("Countries that hosted or provided the most activities."), _("Activities provided")),
        f.ranked("top-beneficiaries", activities, f.parties.beneficiaries, _("Most frequent beneficiaries"),
                 _("Countries that benefited from the most activities."), _("Activities received")),
        f.topics_over_time("topics-over-time", activities, _("Topics over time"),
                           _("Activities per IP topic and year.")),
    )
    return Page("index.html", "home.html", _(ctx.config.title), HomeView(figures, sections, browse, charts),
                nav="home", description=_(ctx.config.tagline), feeds=feeds)


def about(ctx: Context) -> Page:
    c = ctx.ref.classification
    facts = (
        Fact(_("Development status"), (Item(c.classification),)),
        Fact(_("Least developed countries"), (Item(c.ldc),)),
        Fact(_("Edition"), (Item(c.edition),)),
        Fact(_("Last reviewed"), (Item(c.reviewed),)),
        Fact(_("Country codes and regions"), (Item(c.identity),)),
        Fact(_("Documented choices"), (Item(c.overrides),)),
    )
    counts = Counter(country.status_on(ctx.today).status for country in ctx.ref.countries.values())
    status_counts = tuple(Item(ctx.status_name(s), note=number(counts[s])) for s in STATUS_LABELS)
    return Page("about/index.html", "about.html", _("About"), AboutView(facts, status_counts), nav="about",
                description=_("What South-South and triangular cooperation in intellectual property are, and how "
                              "this portal classifies countries."))


def contribute(ctx: Context) -> Page:
    # The validator's checks for the form's script, in this page's language (portal/formchecks.py).
    view = dataclasses.replace(contribute_view(ctx.ref, ctx.config), checks=form_checks_json(ctx.ref))
    return Page("contribute/index.html", "contribute.html", _("Contribute"), view,
                nav="contribute", description=_("How to add a partnership initiative or another record to the portal."))


def search(ctx: Context) -> Page:
    browse = tuple(Item(_(k.heading), listing_path(k.collection)) for k in KINDS if k is not MATCH)
    browse += (Item(_("Countries"), "countries/index.html"), Item(_("Regions"), "regions/index.html"),
               Item(_("Topics"), "topics/index.html"))
    return Page("search/index.html", "search.html", _("Search"), browse, nav="search",
                description=_("Search every activity, consultant, need, offer, case study and initiative."))


def not_found(ctx: Context) -> Page:
    return Page("404.html", "404.html", _("Page not found"), None)
