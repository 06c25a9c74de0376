// The writer of `ca-atlas --export-facts` (facts_export.hpp): the facts gathered into layers of
// features with their evidence, then written by GDAL's GeoPackage, GeoJSON or LIBKML driver under a
// temporary name that is renamed into place once the driver has closed the file.
#include "facts_export.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <variant>

#include "core/errors.hpp"
#include "core/overlay.hpp"
#include "core/style.hpp"
#include "core/timeline.hpp"
#include "geodesic.hpp"
#include "load.hpp"
#include "raster.hpp"

namespace atlas {

namespace {

// The region whose boundaries make the northern_border layer (regions.csv).
constexpr const char* kNorthernBorderRegion = "afghanistan-northern-border";

using FactValue = std::variant<std::monostate, std::string, double, Date>;

struct FactField {
    std::string name;
    OGRFieldType type;
};

struct FactFeature {
    std::unique_ptr<OGRGeometry> geometry;
    std::map<std::string, FactValue> values;
    std::string summary;  // what it is, in a sentence or two, for the KML's balloon
    std::string style;    // an OGR style string (the KML's colours), "" for the viewer's default
};

struct FactLayer {
    std::string name;
    OGRwkbGeometryType type;
    std::vector<FactField> fields;  // the layer's own, between `id`, `name` and the evidence
    std::vector<FactFeature> features;
};

// The evidence every feature carries after its own fields.
const std::vector<FactField>& evidence_fields() {
    static const std::vector<FactField> fields{
        {"passages", OFTString}, {"quotes", OFTString}, {"source", OFTString}, {"citation", OFTString}};
    return fields;
}

// GDAL's drivers for these formats, besides those init_gdal registers; once, on any thread.
void register_facts_drivers() {
    static std::once_flag once;
    std::call_once(once, [] {
        init_gdal();
        RegisterOGRGeoJSON();
        RegisterOGRLIBKML();
    });
}

std::string lower_extension(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    const size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    std::string ext = path.substr(dot);
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// Text for an HTML balloon: the characters HTML reads as markup, escaped.
std::string html_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// Lines joined with `sep`.
std::string joined_by(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

// The passages linked to any of `entities`, each once, in article order.
std::vector<const Passage*> linked_passages(const Facts& facts, const Article& article,
                                            const std::vector<std::string>& entities) {
    std::set<std::string> ids;
    for (const auto& e : entities)
        for (const Link* l : facts.links_of(e, article)) ids.insert(l->passage);
    std::vector<const Passage*> out;
    for (const auto& p : article.passages)
        if (ids.count(p.id)) out.push_back(&p);
    return out;
}

// The passages linked to both `a` and `b`, in article order.
std::vector<const Passage*> passages_of_both(const Facts& facts, const Article& article, const std::string& a,
                                             const std::string& b) {
    const auto of_a = linked_passages(facts, article, {a});
    std::set<std::string> of_b;
    for (const Passage* p : linked_passages(facts, article, {b})) of_b.insert(p->id);
    std::vector<const Passage*> out;
    for (const Passage* p : of_a)
        if (of_b.count(p->id)) out.push_back(p);
    return out;
}

// The passages, quotes, source and citation of a feature.
void set_evidence(FactFeature& f, const std::vector<const Passage*>& passages, const std::string& source,
                  const Article& article) {
    std::vector<std::string> ids, quotes;
    for (const Passage* p : passages) {
        ids.push_back(p->id);
        quotes.push_back(p->text);
    }
    f.values["passages"] = joined_by(ids, " ");
    f.values["quotes"] = joined_by(quotes, "\n");
    f.values["source"] = source;
    f.values["citation"] = article.citation;
}

// The KML balloon: the feature's name and what it is, each passage quoted with its place in the
// article and the citation (core's quotation), and the source.
std::string balloon(const FactFeature& f, const Article& article) {
    auto text = [&f](const char* field) {
        const auto it = f.values.find(field);
        return it != f.values.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second)
                                                                                      : std::string();
    };
    std::string html = "<p><b>" + html_text(text("name")) + "</b></p>";
    if (!f.summary.empty()) html += "<p>" + html_text(f.summary) + "</p>";
    const std::string ids = text("passages");
    size_t start = 0;
    while (start < ids.size()) {
        const size_t end = std::min(ids.find(' ', start), ids.size());
        if (const Passage* p = article.passage(ids.substr(start, end - start)))
            html += "<blockquote>" + html_text(quotation(article, *p)) + "</blockquote>";
        start = end + 1;
    }
    if (ids.empty()) html += "<p><i>No passage of the article speaks of it.</i></p>";
    const std::string source = text("source");
    if (!source.empty()) html += "<p>Source: " + html_text(source) + "</p>";
    return html;
}

// A coordinate to 1e-5 degrees (1.1 m at most): far finer than the 1:10m data, and a KML then
// writes "44.28906" where it would write "44.2890584719699".
double metre_rounded(double degrees) {
    constexpr double kSteps = 1e5;  // per degree
    return std::round(degrees * kSteps) / kSteps;
}

// Core shapes as OGR geometries (lon/lat degrees, metre_rounded; core rings are not closed, OGR's are).
std::unique_ptr<OGRMultiPolygon> facts_ogr_polygons(const MultiPolygon& mp) {
    auto out = std::make_unique<OGRMultiPolygon>();
    for (const auto& poly : mp) {
        OGRPolygon p;
        for (const auto& ring : poly.rings) {
            OGRLinearRing r;
            for (const Vec2& v : ring) r.addPoint(metre_rounded(v.x), metre_rounded(v.y));
            r.closeRings();
            p.addRing(&r);
        }
        out->addGeometry(&p);
    }
    return out;
}

std::unique_ptr<OGRMultiLineString> facts_ogr_lines(const std::vector<Polyline>& lines) {
    auto out = std::make_unique<OGRMultiLineString>();
    for (const auto& line : lines) {
        OGRLineString l;
        for (const Vec2& v : line) l.addPoint(metre_rounded(v.x), metre_rounded(v.y));
        out->addGeometry(&l);
    }
    return out;
}

// A country's shape simplified by kFactsSimplifyDegrees (kept whole if GEOS cannot simplify it),
// always a MultiPolygon.
std::unique_ptr<OGRGeometry> simplified_country(const MultiPolygon& shape) {
    std::unique_ptr<OGRGeometry> g = facts_ogr_polygons(shape);
    if (std::unique_ptr<OGRGeometry> s{g->SimplifyPreserveTopology(kFactsSimplifyDegrees)}; s && !s->IsEmpty()) g = std::move(s);
    return std::unique_ptr<OGRGeometry>(OGRGeometryFactory::forceToMultiPolygon(g.release()));
}

const Boundary* boundary_between(const World& world, const std::string& pair) {
    const size_t dash = pair.find('-');
    if (dash == std::string::npos) return nullptr;
    const std::string a = pair.substr(0, dash), b = pair.substr(dash + 1);
    for (const auto& bd : world.boundaries)
        if ((bd.iso_left == a && bd.iso_right == b) || (bd.iso_left == b && bd.iso_right == a)) return &bd;
    return nullptr;
}

bool same_boundary(const std::string& x, const std::string& y) {
    const size_t dx = x.find('-'), dy = y.find('-');
    if (dx == std::string::npos || dy == std::string::npos) return x == y;
    return x == y || (x.substr(0, dx) == y.substr(dy + 1) && x.substr(dx + 1) == y.substr(0, dy));
}

std::string country_name(const World& world, const std::string& iso) {
    const int c = world.country_index(iso);
    return c >= 0 ? world.countries[size_t(c)].name : iso;
}

// The CSTO family's (the CST, then the CSTO) or the SCO family's organisation `id` belongs to:
// "csto" or "sco" by its successors' chain, "" for neither.
std::string family_of(const Facts& facts, const std::string& id) {
    for (const char* root : {"cst", "shanghai5"}) {
        const Organisation* o = facts.organisation(root);
        // A chain of successors is short (cst -> csto); the guard stops a loop in bad data.
        for (int guard = 0; o && guard < 8; ++guard, o = o->successor.empty() ? nullptr : facts.organisation(o->successor))
            if (o->id == id) return std::string(root) == "cst" ? "csto" : "sco";
    }
    return "";
}

// An OGR style string's colour: #RRGGBBAA.
std::string style_colour(Rgba c, std::uint8_t alpha) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", c.r, c.g, c.b, alpha);
    return buf;
}

// Translucent fills, so that the globe, the other layers and overlapping periods show through:
// about 40% opaque (0x66 of 0xff).
constexpr std::uint8_t kFillAlpha = 0x66;

std::string period_text(const std::optional<Date>& from, const std::optional<Date>& to) {
    if (from && to && *from == *to) return "on " + from->text();
    if (from && to) return "from " + from->text() + " to " + to->text();
    if (from) return "from " + from->text();
    if (to) return "until " + to->text();
    return "";
}

std::string precision_text(const Place& p, const World& world) {
    switch (p.precision) {
        case Precision::Site: return "the site itself, within about 1 km";
        case Precision::City: return "the city only, within about 15 km";
        case Precision::Area: break;
    }
    std::string area = p.area;
    for (const auto& pr : world.provinces)
        if (pr.id == p.area) area = pr.name;
    if (world.country_index(p.area) >= 0) area = country_name(world, p.area);
    return "only the area is known (" + area + "); the point is inside it";
}

const char* precision_key(Precision p) {
    switch (p) {
        case Precision::Site: return "site";
        case Precision::City: return "city";
        case Precision::Area: return "area";
    }
    return "";
}

FactValue date_value(const std::optional<Date>& d) { return d ? FactValue{*d} : FactValue{}; }

FactLayer places_layer(const World& world, const Facts& facts, const Article& article) {
    FactLayer layer{kFactsPlaces, wkbPoint,
                    {{"kind", OFTString},
                     {"organisation", OFTString},
                     {"precision", OFTString},
                     {"area", OFTString},
                     {"country", OFTString},
                     {"from", OFTDate},
                     {"to", OFTDate}},
                    {}};
    for (const auto& p : facts.places) {
        FactFeature f;
        f.geometry = std::make_unique<OGRPoint>(p.lonlat.x, p.lonlat.y);
        f.values = {{"id", p.id},          {"name", p.name},     {"kind", p.kind},
                    {"organisation", p.organisation},           {"precision", precision_key(p.precision)},
                    {"area", p.area},      {"country", p.country}, {"from", date_value(p.from)},
                    {"to", date_value(p.to)}};
        const Organisation* o = facts.organisation(p.organisation);
        std::string kind = p.kind;
        kind[0] = char(std::toupper(static_cast<unsigned char>(kind[0])));  // places.csv's kinds are lower case words
        f.summary = kind + (o ? " (" + o->name + ")" : "") + ", " + country_name(world, p.country) +
                    (p.from || p.to ? ", " + period_text(p.from, p.to) : "") + ". Where: " + precision_text(p, world) + ".";
        // No style: Google Earth's own pin (libkml's icon style needs an icon's address, which an
        // offline atlas has none of).
        set_evidence(f, linked_passages(facts, article, {p.id}), p.source, article);
        layer.features.push_back(std::move(f));
    }
    return layer;
}

// regions (areas) and region_lines (borders).
std::pair<FactLayer, FactLayer> region_layers(const World& world, const Facts& facts, const Article& article) {
    const std::vector<FactField> fields{{"kind", OFTString}, {"members", OFTString}};
    FactLayer areas{kFactsRegions, wkbMultiPolygon, fields, {}}, lines{kFactsRegionLines, wkbMultiLineString, fields, {}};
    const LineStyle purple = FeatureStyle{}.region;
    for (const auto& r : facts.regions) {
        FactFeature f;
        f.values = {{"id", r.id}, {"name", r.name}, {"kind", r.kind}, {"members", joined_by(r.members, " ")}};
        set_evidence(f, linked_passages(facts, article, {r.id}), r.source, article);
        if (r.kind == "boundary") {
            std::vector<Polyline> all;
            for (const auto& m : r.members) {
                const Boundary* b = boundary_between(world, m);
                if (!b) throw DataError("regions.csv: region '" + r.id + "': the map has no boundary " + m);
                all.insert(all.end(), b->lines.begin(), b->lines.end());
            }
            f.geometry = facts_ogr_lines(all);
            f.summary = "A border the article names: " + r.name + " (" + joined_by(r.members, ", ") + ").";
            f.style = "PEN(c:" + style_colour(purple.colour, 0xff) + ",w:3px)";
            lines.features.push_back(std::move(f));
            continue;
        }
        std::vector<const MultiPolygon*> shapes;
        std::vector<std::string> names;
        for (const auto& m : r.members) {
            const MultiPolygon* shape = nullptr;
            if (r.kind == "province") {
                for (const auto& p : world.provinces)
                    if (p.id == m) {
                        shape = &p.shape;
                        names.push_back(p.name + ", " + country_name(world, p.iso_a3));
                    }
            } else if (const int c = world.country_index(m); c >= 0) {
                shape = &world.countries[size_t(c)].shape;
                names.push_back(world.countries[size_t(c)].name);
            }
            if (!shape) throw DataError("regions.csv: region '" + r.id + "': the map has no " + r.kind + " " + m);
            shapes.push_back(shape);
        }
        f.geometry = facts_ogr_polygons(shapes.size() == 1 ? *shapes.front() : merged(shapes));
        f.summary = "An area the article names: " + r.name + " (" + joined_by(names, "; ") + ").";
        f.style = "BRUSH(fc:" + style_colour(purple.colour, 0x33) + ");PEN(c:" + style_colour(purple.colour, 0xff) + ",w:2px)";
        areas.features.push_back(std::move(f));
    }
    return {std::move(areas), std::move(lines)};
}

FactLayer northern_border_layer(const World& world, const Facts& facts, const Article& article) {
    FactLayer layer{kFactsNorthernBorder,
                    wkbMultiLineString,
                    {{"neighbour", OFTString},
                     {"neighbour_name", OFTString},
                     {"published_km", OFTReal},
                     {"drawn_km", OFTReal}},
                    {}};
    const Region* region = facts.region(kNorthernBorderRegion);
    if (!region) return layer;
    const LineStyle red = FeatureStyle{}.northern_border;
    for (const auto& member : region->members) {
        const Boundary* b = boundary_between(world, member);
        if (!b) throw DataError("regions.csv: region '" + region->id + "': the map has no boundary " + member);
        const std::string neighbour = b->iso_left == "AFG" ? b->iso_right : b->iso_left;
        FactFeature f;
        f.geometry = facts_ogr_lines(b->lines);
        // Tenths of a kilometre: the drawn line is generalised, more digits would claim too much.
        const double drawn_km = std::round(geodesic_length_m(b->lines) / 100.0) / 10.0;
        const PublishedLength* published = facts.published_length(b->iso_left, b->iso_right);
        f.values = {{"id", member},
                    {"name", b->name},
                    {"neighbour", neighbour},
                    {"neighbour_name", country_name(world, neighbour)},
                    {"published_km", published ? FactValue{published->km} : FactValue{}},
                    {"drawn_km", drawn_km}};
        char lengths[160];
        if (published)
            std::snprintf(lengths, sizeof lengths, "%g km long as published; the line drawn here is %.1f km (generalised).",
                          published->km, drawn_km);
        else
            std::snprintf(lengths, sizeof lengths, "The line drawn here is %.1f km (generalised).", drawn_km);
        f.summary = "Afghanistan's border with " + country_name(world, neighbour) + ": " + lengths;
        // The passages of every border region this boundary is part of (the whole northern border,
        // the Tajik-Afghan border alone).
        std::vector<std::string> regions;
        for (const auto& r : facts.regions)
            if (r.kind == "boundary" && std::any_of(r.members.begin(), r.members.end(),
                                                     [&](const std::string& m) { return same_boundary(m, member); }))
                regions.push_back(r.id);
        set_evidence(f, linked_passages(facts, article, regions), published ? published->source : "", article);
        f.style = "PEN(c:" + style_colour(red.colour, 0xff) + ",w:4px)";
        layer.features.push_back(std::move(f));
    }
    return layer;
}

FactLayer countries_layer(const World& world, const Facts& facts, const Article& article, const Date& day) {
    FactLayer layer{kFactsCountries,
                    wkbMultiPolygon,
                    {{"date", OFTDate},
                     {"csto_organisation", OFTString},
                     {"csto_status", OFTString},
                     {"sco_organisation", OFTString},
                     {"sco_status", OFTString}},
                    {}};
    // The countries the facts speak of: a membership, or a passage linked to it.
    std::set<std::string> spoken;
    for (const auto& m : facts.memberships) spoken.insert(m.country);
    for (const auto& l : facts.links)
        if (world.country_index(l.entity) >= 0) spoken.insert(l.entity);
    const Overlay overlay = overlay_on(facts, world, day);
    const OverlayStyle colours;
    for (size_t i = 0; i < world.countries.size(); ++i) {
        const Country& c = world.countries[i];
        if (!spoken.count(c.iso_a3)) continue;
        // With the areas it controls on the day (Crimea and Sevastopol: Ukraine's, then Russia's).
        std::vector<const MultiPolygon*> shapes{&c.shape};
        for (const auto& a : world.areas) {
            const std::string owner = facts.controlled_by(a.id, day);
            if ((owner.empty() ? a.holder : owner) == c.iso_a3) shapes.push_back(&a.shape);
        }
        FactFeature f;
        f.geometry = simplified_country(shapes.size() == 1 ? c.shape : merged(shapes));
        const Standing& s = overlay.countries[i];
        f.values = {{"id", c.iso_a3},
                    {"name", c.name},
                    {"date", day},
                    {"csto_organisation", overlay.csto_org ? FactValue{overlay.csto_org->id} : FactValue{}},
                    {"csto_status", std::string(status_key(s.csto))},
                    {"sco_organisation", overlay.sco_org ? FactValue{overlay.sco_org->id} : FactValue{}},
                    {"sco_status", std::string(status_key(s.sco))}};
        std::vector<std::string> sources;
        for (const Organisation* o : {overlay.csto_org, overlay.sco_org})
            if (const Membership* m = o ? facts.membership_on(o->id, c.iso_a3, day) : nullptr) sources.push_back(m->source);
        std::string standing;
        if (overlay.csto_org && s.csto != Status::None) standing = overlay.csto_org->abbreviation + " " + status_label(s.csto);
        if (overlay.sco_org && s.sco != Status::None)
            standing += (standing.empty() ? "" : "; ") + overlay.sco_org->abbreviation + " " + status_label(s.sco);
        f.summary = "On " + day.text() + ": " + (standing.empty() ? "in neither the CSTO's nor the SCO's family" : standing) + ".";
        set_evidence(f, linked_passages(facts, article, {c.iso_a3}), joined_by(sources, "\n"), article);
        f.style = "BRUSH(fc:" + style_colour(csto_fill(s.csto, colours), kFillAlpha) + ");PEN(c:" +
                  style_colour(colours.hatch, 0xff) + ",w:1px)";
        layer.features.push_back(std::move(f));
    }
    return layer;
}

FactLayer memberships_layer(const World& world, const Facts& facts, const Article& article) {
    FactLayer layer{kFactsMemberships,
                    wkbMultiPolygon,
                    {{"organisation", OFTString},
                     {"organisation_name", OFTString},
                     {"country", OFTString},
                     {"country_name", OFTString},
                     {"status", OFTString},
                     {"from", OFTDate},
                     {"to", OFTDate},
                     {"begin", OFTDate},
                     {"end", OFTDate}},
                    {}};
    // A period with no end holds to the end of the data: Google Earth's slider runs to the day
    // after the atlas's timeline ends (31 December 2026), so it replays the whole timeline.
    const Date horizon = civil_from_days(days_from_civil(kTimelineEnd) + 1);
    const OverlayStyle colours;
    std::map<std::string, std::unique_ptr<OGRGeometry>> shapes;  // one simplification per country
    for (const auto& m : facts.memberships) {
        const int c = world.country_index(m.country);
        if (c < 0) throw DataError(m.at.str() + ": the map has no country " + m.country);
        auto& shape = shapes[m.country];
        if (!shape) shape = simplified_country(world.countries[size_t(c)].shape);
        const Organisation* o = facts.organisation(m.organisation);
        const std::string org_name = o ? o->name : m.organisation, abbreviation = o ? o->abbreviation : m.organisation;
        FactFeature f;
        f.geometry.reset(shape->clone());
        f.values = {{"id", m.organisation + "-" + m.country + "-" + m.from.str()},
                    {"name", country_name(world, m.country) + " in the " + abbreviation + ": " + status_label(m.status)},
                    {"organisation", m.organisation},
                    {"organisation_name", org_name},
                    {"country", m.country},
                    {"country_name", country_name(world, m.country)},
                    {"status", std::string(status_key(m.status))},
                    {"from", m.from},
                    {"to", date_value(m.to)},
                    {"begin", m.from},
                    {"end", m.to ? *m.to : horizon}};
        const std::string last_day = m.to ? civil_from_days(days_from_civil(*m.to) - 1).text() : "";
        f.summary = country_name(world, m.country) + " in the " + org_name + ": " + status_label(m.status) + ", from " +
                    m.from.text() +
                    (m.to ? " to " + last_day + " (its last day)" : ", with no end recorded") +
                    (m.after_article() ? "; after the article was written." : ".");
        // The passages that speak of both the country and the organisation; none for a record after
        // the article, which no passage can attest (its source does).
        set_evidence(f, m.after_article() ? std::vector<const Passage*>{} : passages_of_both(facts, article, m.country, m.organisation),
                     m.source, article);
        const Rgba colour = family_of(facts, m.organisation) == "csto" ? colours.csto_member : FeatureStyle{}.exercise.fill;
        f.style = "BRUSH(fc:" + style_colour(colour, kFillAlpha) + ");PEN(c:" + style_colour(colour, 0xff) + ",w:1px)";
        layer.features.push_back(std::move(f));
    }
    return layer;
}

std::vector<FactLayer> fact_layers(const World& world, const Facts& facts, const Article& article, const Date& day) {
    std::vector<FactLayer> layers;
    layers.push_back(places_layer(world, facts, article));
    auto [areas, lines] = region_layers(world, facts, article);
    layers.push_back(std::move(areas));
    layers.push_back(std::move(lines));
    layers.push_back(northern_border_layer(world, facts, article));
    layers.push_back(countries_layer(world, facts, article, day));
    layers.push_back(memberships_layer(world, facts, article));
    return layers;
}

// The fields a layer is written with: id and name, its own, the evidence, and in a KML the balloon.
std::vector<FactField> written_fields(const FactLayer& layer, FactsFormat format) {
    std::vector<FactField> out{{"id", OFTString}, {"name", OFTString}};
    out.insert(out.end(), layer.fields.begin(), layer.fields.end());
    const auto& ev = evidence_fields();
    out.insert(out.end(), ev.begin(), ev.end());
    if (format == FactsFormat::Kml) out.push_back({"description", OFTString});
    return out;
}

// A GeoJSON file holds one collection: every layer in it, named by a `layer` field, with the
// union of the layers' fields (a field another layer has is null).
FactLayer one_collection(std::vector<FactLayer>& layers) {
    FactLayer all{kFactsGeoJsonLayer, wkbUnknown, {{"layer", OFTString}}, {}};
    for (auto& l : layers) {
        for (const auto& field : l.fields)
            if (std::none_of(all.fields.begin(), all.fields.end(), [&](const FactField& x) { return x.name == field.name; }))
                all.fields.push_back(field);
        for (auto& f : l.features) {
            f.values["layer"] = l.name;
            all.features.push_back(std::move(f));
        }
    }
    return all;
}

std::string cannot_write_facts(const std::string& path, const std::string& why) {
    return "cannot write '" + path + "': " + why;
}

void write_layer(GDALDataset& ds, const std::string& path, const FactLayer& layer, FactsFormat format,
                 const Article& article) {
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);  // longitude first, as the data is
    // GeoJSON as RFC 7946 has it (WGS84, lon/lat, right-hand rings, 7 decimals: 1 cm).
    const char* geojson_options[] = {"RFC7946=YES", nullptr};
    OGRLayer* out = ds.CreateLayer(layer.name.c_str(), &wgs84, layer.type,
                                   format == FactsFormat::GeoJson ? const_cast<char**>(geojson_options) : nullptr);
    if (!out) throw OutputError(cannot_write_facts(path, "layer " + layer.name + ": " + CPLGetLastErrorMsg()));
    std::vector<FactField> fields = written_fields(layer, format);
    // One collection's `layer` first, then id and name.
    std::stable_partition(fields.begin(), fields.end(), [](const FactField& f) { return f.name == "layer"; });
    // LIBKML makes a TimeSpan of `begin` and `end`; any other date it would write as 1992/05/15,
    // and leave out of the placemark's schema: in a KML those are text, 1992-05-15.
    auto kml_text_date = [format](const FactField& field) {
        return format == FactsFormat::Kml && field.type == OFTDate && field.name != "begin" && field.name != "end";
    };
    for (const auto& field : fields) {
        OGRFieldDefn defn(field.name.c_str(), kml_text_date(field) ? OFTString : field.type);
        if (out->CreateField(&defn) != OGRERR_NONE)
            throw OutputError(cannot_write_facts(path, "field " + field.name + ": " + CPLGetLastErrorMsg()));
    }
    const bool transaction = out->StartTransaction() == OGRERR_NONE;  // GeoPackage: one commit, not one per feature
    for (const auto& feature : layer.features) {
        OGRFeature f(out->GetLayerDefn());
        for (const auto& field : fields) {
            const int i = f.GetFieldIndex(field.name.c_str());
            if (i < 0) continue;  // a driver that renamed it; nothing to set
            if (field.name == "description") {
                f.SetField(i, balloon(feature, article).c_str());
                continue;
            }
            const auto it = feature.values.find(field.name);
            const auto* text = it == feature.values.end() ? nullptr : std::get_if<std::string>(&it->second);
            // No value, or empty text: left unset (NULL in a GeoPackage, absent from a GeoJSON
            // feature and from a placemark's data).
            if (it == feature.values.end() || std::holds_alternative<std::monostate>(it->second) || (text && text->empty()))
                continue;
            if (text) {
                f.SetField(i, text->c_str());
            } else if (const auto* d = std::get_if<double>(&it->second)) {
                f.SetField(i, *d);
            } else if (const Date& day = std::get<Date>(it->second); kml_text_date(field)) {
                f.SetField(i, day.str().c_str());
            } else {
                f.SetField(i, day.year, day.month, day.day);
            }
        }
        if (feature.geometry) f.SetGeometry(feature.geometry.get());
        if (format == FactsFormat::Kml && !feature.style.empty()) f.SetStyleString(feature.style.c_str());
        if (out->CreateFeature(&f) != OGRERR_NONE)
            throw OutputError(cannot_write_facts(path, "layer " + layer.name + ": " + CPLGetLastErrorMsg()));
    }
    if (transaction && out->CommitTransaction() != OGRERR_NONE)
        throw OutputError(cannot_write_facts(path, "layer " + layer.name + ": " + CPLGetLastErrorMsg()));
}

}  // namespace

std::optional<FactsFormat> facts_format(const std::string& path) {
    const std::string ext = lower_extension(path);
    if (ext == ".gpkg") return FactsFormat::GeoPackage;
    if (ext == ".geojson" || ext == ".json") return FactsFormat::GeoJson;
    if (ext == ".kml") return FactsFormat::Kml;
    return std::nullopt;
}

FactsCounts export_facts(const std::string& path, const World& world, const Facts& facts, const Article& article,
                         const Date& day) {
    const auto format = facts_format(path);
    if (!format)
        throw UsageError("cannot write '" + path + "': the facts are written as " + kFactsExtensions +
                         ", chosen by the name's extension");
    register_facts_drivers();
    std::vector<FactLayer> layers = fact_layers(world, facts, article, day);
    FactsCounts counts;
    for (const auto& l : layers) counts.emplace_back(l.name, l.features.size());

    const char* driver_name = *format == FactsFormat::GeoPackage ? "GPKG" : *format == FactsFormat::GeoJson ? "GeoJSON" : "LIBKML";
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (!driver) throw OutputError(cannot_write_facts(path, std::string("GDAL has no ") + driver_name + " driver"));
    // The driver chooses by the ending too (LIBKML: a .kml file, not a .kmz or a folder).
    AtomicFile file(path, *format == FactsFormat::GeoPackage ? ".gpkg" : *format == FactsFormat::GeoJson ? ".geojson" : ".kml");
    // The drivers make the file themselves (the GeoPackage driver refuses one that is there):
    // AtomicFile made it only to know the folder writable, and still removes it on failure.
    std::remove(file.temp_path().c_str());
    CPLErrorReset();
    {
        std::unique_ptr<GDALDataset> ds(driver->Create(file.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw OutputError(cannot_write_facts(path, CPLGetLastErrorMsg()));
        if (*format == FactsFormat::GeoJson) {
            const FactLayer all = one_collection(layers);
            write_layer(*ds, path, all, *format, article);
        } else {
            for (const auto& l : layers) write_layer(*ds, path, l, *format, article);
        }
        CPLErrorReset();
    }  // closing writes what the driver kept (the KML document, the GeoPackage's last pages)
    if (CPLGetLastErrorType() == CE_Failure) throw OutputError(cannot_write_facts(path, CPLGetLastErrorMsg()));
    file.commit();
    return counts;
}

}  // namespace atlas
