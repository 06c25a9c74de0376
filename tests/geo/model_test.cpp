// The map model (app/geo/model.cpp): a view and its camera in every projection, and the shipped
// data loaded, projected and read together. Exploring it: picking a country, a symbol or a
// border, searching by the names the article uses, Crimea's control changing hands, the northern
// border's lengths; and the labels (core) on the real map: the article's features first, never two
// overlapping, always inside the view, and Russia and China labelled whenever much of them shows.
#include <gtest/gtest.h>

#include <cmath>

#include "core/explore.hpp"
#include "core/frame.hpp"
#include "geo/model.hpp"
#include "geo/projection.hpp"
#include "support/label_font.hpp"
#include "support/paths.hpp"
#include "text/fold.hpp"
#include "text/shape.hpp"

namespace atlas {
namespace {

constexpr double kCentreDegreeTolerance = 1e-7;  // deg, a view's centre through another projection
using test::font;

MapModel& albers() {
    static auto m = MapModel::load(test::data_dir(), "albers");
    return *m;
}

Frame frame_for(const AppState& s) {
    const TextMeasure measure = [](const std::string& t) { return font().measure(t); };
    return build_frame(s, Style{}, albers().colours, albers().label_candidates, measure, albers().extras(s, Style{}));
}

AppState state_at(const View& v, int w = 1600, int h = 900) {
    AppState s;
    s.camera = camera_for_view(*albers().projection, v, w, h);
    return s;
}

TEST(Projection, SwitchingKeepsTheViewCentreAndGroundHeight) {
    const View v{68.77, 38.56, 1500};
    Projection a("albers"), m("mercator");
    const Camera ca = camera_for_view(a, v, 1280, 720);
    const View through_a = view_for_camera(a, ca);
    const Camera cm = camera_for_view(m, through_a, 1280, 720);
    const View through_m = view_for_camera(m, cm);
    EXPECT_NEAR(through_m.lon, v.lon, kCentreDegreeTolerance);
    EXPECT_NEAR(through_m.lat, v.lat, kCentreDegreeTolerance);
    EXPECT_NEAR(through_m.height_km, v.height_km, 1e-6);
    // Mercator inflates distances at 38.56 N by 1/cos(lat): its camera needs more map metres.
    EXPECT_NEAR(cm.metres_per_px / ca.metres_per_px, 1 / std::cos(38.56 * M_PI / 180) / metres_per_ground_km(a, v.lon, v.lat) * 1000,
                0.01);
}

TEST(View, ParsesAndRejects) {
    const View v = parse_view("66.5,40.25,2500");
    EXPECT_DOUBLE_EQ(v.lon, 66.5);
    EXPECT_DOUBLE_EQ(v.lat, 40.25);
    EXPECT_DOUBLE_EQ(v.height_km, 2500);
    EXPECT_EQ(format_view(parse_view(format_view(v))), format_view(v));
    for (const char* bad : {"", "1,2", "1,2,3,4", "a,b,c", "200,40,100", "60,89,100", "60,40,0", "60,40,-5", "60,40,1e9"})
        EXPECT_THROW(parse_view(bad), UsageError) << bad;
}

TEST(Picking, APointOverKyrgyzstanIsKyrgyzstanAndKantsSymbolIsKant) {
    MapModel& m = albers();
    const AppState s = state_at(View{});
    const Vec2 naryn = s.camera.to_screen(m.projection->forward({75.5, 41.4}));
    const int c = country_at(m.projected, s.camera.to_map(naryn));
    ASSERT_GE(c, 0);
    EXPECT_EQ(m.world->countries[size_t(c)].iso_a3, "KGZ");
    // The symbol under Kant's own coordinates is Kant's.
    const Frame f = frame_for(s);
    const Place* kant = m.facts->place("kant-airbase");
    ASSERT_TRUE(kant);
    const Vec2 at = s.camera.to_screen(m.projection->forward(kant->lonlat));
    const int sym = symbol_at(f, at);
    ASSERT_GE(sym, 0);
    ASSERT_GE(f.symbols[size_t(sym)].place, 0);
    EXPECT_EQ(m.features.places[size_t(f.symbols[size_t(sym)].place)].place->id, "kant-airbase");
    // Before the base opened there is no symbol there, and the country below is picked instead.
    AppState before = s;
    before.date = Date{2001, 1, 1};
    const Frame f2 = frame_for(before);
    const int none = symbol_at(f2, at);
    EXPECT_TRUE(none < 0 || f2.symbols[size_t(none)].place < 0 ||
                m.features.places[size_t(f2.symbols[size_t(none)].place)].place->id != "kant-airbase");
}

TEST(Picking, APointOnTheNorthernBorderPicksTheBorder) {
    MapModel& m = albers();
    const AppState s = state_at(View{68, 37, 1500});
    const Frame f = frame_for(s);
    const int nb = m.features.northern_border;
    ASSERT_GE(nb, 0);
    const Polyline& line = m.features.regions[size_t(nb)].lines.front();
    const Vec2 on = s.camera.to_screen(line[line.size() / 2]);
    EXPECT_EQ(region_at(m.features, f, s.camera, on, 6), nb);
    // Kabul, far from any region line: nothing.
    const Vec2 kabul = s.camera.to_screen(m.projection->forward({69.2, 34.5}));
    EXPECT_EQ(region_at(m.features, f, s.camera, kabul, 6), -1);
}

TEST(Search, FindsEntitiesByTheNamesTheArticleUses) {
    const Facts& f = *albers().facts;
    const World& w = *albers().world;
    auto first = [&](const char* q) {
        const auto hits = search_entities(q, f, w);
        return hits.empty() ? std::string() : hits.front().id;
    };
    EXPECT_EQ(first("Kyrgyz"), "KGZ");
    EXPECT_EQ(first("the RF"), "RUS");
    EXPECT_EQ(first("shanghai five"), "shanghai5");
    EXPECT_EQ(first("RATS"), "sco-rats");
    EXPECT_EQ(first("Kant"), "kant-airbase");
    EXPECT_EQ(first("Afghan Badakhshan"), "afghan-badakhshan");
    EXPECT_EQ(first("CSTO"), "csto");
    // Every name a student may type, folded in every script (the program's fold, through ICU).
    const SearchIndex& index = *albers().search;
    auto found = [&](const char* q) {
        const auto hits = index.find(q, 3);
        return hits.empty() ? std::string() : hits.front().id + "/" + hits.front().kind;
    };
    EXPECT_EQ(found("chisinau"), "MDA/capital");
    EXPECT_EQ(found("Chișinău"), "MDA/capital");
    EXPECT_EQ(found("CHIȘINĂU"), "MDA/capital");
    EXPECT_EQ(found("KGZ"), "KGZ/country");
    EXPECT_EQ(found("kgz"), "KGZ/country");
    EXPECT_EQ(found("Душанбе"), "TJK/capital");
    EXPECT_EQ(found("ДУШАНБЕ"), "TJK/capital");
    EXPECT_EQ(found("КАЗАХСТАН"), "KAZ/country");
    EXPECT_EQ(found("ОДКБ"), "csto/organisation");
    EXPECT_EQ(found("шос"), "sco/organisation");
    EXPECT_EQ(found("Кант"), "kant-airbase/place");
    EXPECT_EQ(found("Bishkek"), "KGZ/capital");
    EXPECT_EQ(fold_for_search("Chișinău"), "chisinau");
    EXPECT_EQ(fold_for_search("КАЗАХСТАН"), "казахстан");
    EXPECT_EQ(fold_for_search("Straße"), "strasse");
    // The ASCII fold of the core alone does not fold Cyrillic.
    EXPECT_TRUE(search_entities("ДУШАНБЕ", f, w).empty());
    EXPECT_TRUE(search_entities("", f, w).empty());
    EXPECT_TRUE(search_entities("zzzz", f, w).empty());
    EXPECT_EQ(entity_name("kant-airbase", f, w), "Kant airbase");
    EXPECT_EQ(members_on(f, "csto", kArticleDate).size(), 6u);
}

// control.csv: Crimea and Sevastopol are cut out of the geometry's Russia into areas of their
// own, picked, listed and filled as Ukraine's before 18 March 2014 and as Russia's from then on.
TEST(Control, CrimeaIsUkrainesUntilMarch2014AndRussiasFromThen) {
    MapModel& m = albers();
    const World& w = *m.world;
    ASSERT_EQ(w.areas.size(), 2u);
    EXPECT_EQ(w.areas[0].id, "RUS-5457");
    EXPECT_EQ(w.areas[0].holder, "RUS");
    EXPECT_EQ(w.areas[0].edge_with, "UKR") << "the Perekop line";
    EXPECT_FALSE(w.areas[0].edge.empty());
    EXPECT_EQ(w.areas[1].id, "RUS-5850");
    EXPECT_TRUE(w.areas[1].edge.empty()) << "Sevastopol borders only Crimea";
    ASSERT_EQ(m.projected.countries.size(), w.countries.size() + 2);
    const int rus = w.country_index("RUS"), ukr = w.country_index("UKR");
    const Vec2 simferopol = m.projection->forward({34.1, 44.95}), sevastopol = m.projection->forward({33.52, 44.6});
    // Russia's own shape no longer covers the peninsula; the areas do.
    EXPECT_FALSE(contains(m.projected.countries[size_t(rus)], simferopol));
    EXPECT_EQ(country_at(m.projected, simferopol), int(w.countries.size()));
    EXPECT_EQ(country_at(m.projected, sevastopol), int(w.countries.size()) + 1);
    const Date article = kArticleDate, eve{2014, 3, 17}, day{2014, 3, 18};
    for (Vec2 p : {simferopol, sevastopol}) {
        EXPECT_EQ(m.country_at(p, article), ukr);
        EXPECT_EQ(m.country_at(p, eve), ukr);
        EXPECT_EQ(m.country_at(p, day), rus);
    }
    EXPECT_EQ(m.area_owners(article), (std::vector<int>{ukr, ukr}));
    EXPECT_EQ(m.area_owners(day), (std::vector<int>{rus, rus}));
    // A view of the peninsula lists countries (boxes that reach it), never an area's own index:
    // Ukraine on the article's day (its own box ends north of Simferopol).
    Box crimea;
    crimea.add(simferopol);
    crimea.add(simferopol + Vec2{1000, 1000});
    ASSERT_FALSE(m.projected.country_bounds[size_t(ukr)].intersects(crimea));
    const auto listed = m.countries_in(crimea, article);
    EXPECT_NE(std::find(listed.begin(), listed.end(), ukr), listed.end());
    for (int c : m.countries_in(crimea, day)) EXPECT_LT(size_t(c), w.countries.size());
    const auto later = m.countries_in(crimea, day);
    EXPECT_EQ(std::find(later.begin(), later.end(), ukr), later.end());
    // The frame paints each area as its owner, and its edge as a border only when Russia holds it.
    AppState s = state_at(View{34.5, 45.8, 900});
    s.date = article;
    const Frame before = frame_for(s);
    ASSERT_EQ(before.country_fill.size(), w.countries.size() + 2);
    EXPECT_EQ(before.country_fill[w.countries.size()], before.country_fill[size_t(ukr)]);
    EXPECT_EQ(before.country_hatch[w.countries.size()], before.country_hatch[size_t(ukr)]);
    EXPECT_NE(before.country_hatch[w.countries.size()], before.country_hatch[size_t(rus)]);
    EXPECT_EQ(before.area_edge_is_border, (std::vector<bool>{false, false}));
    s.date = day;
    const Frame after = frame_for(s);
    EXPECT_EQ(after.country_fill[w.countries.size() + 1], after.country_fill[size_t(rus)]);
    EXPECT_EQ(after.country_hatch[w.countries.size()], after.country_hatch[size_t(rus)]);
    EXPECT_EQ(after.area_edge_is_border, (std::vector<bool>{true, false}));
    // Selected, Ukraine is outlined around the peninsula on the article's day, without it later.
    AppState sel = s;
    sel.selected = "UKR";
    sel.date = article;
    const auto outlines = m.selection_outlines(sel);
    ASSERT_EQ(outlines.size(), 1u);
    EXPECT_EQ(outlines[0]->id, "country:UKR");
    EXPECT_EQ(outlines[0]->areas, "RUS-5457 RUS-5850");
    auto reaches_simferopol = [&](const ProjectedRegion& r) {
        Box b;
        for (const auto& l : r.lines)
            for (Vec2 v : l) b.add(v);
        return b.contains(simferopol);
    };
    EXPECT_TRUE(reaches_simferopol(*outlines[0]));
    // Its levels for views farther out have fewer segments, each fewer than the one before.
    ASSERT_EQ(outlines[0]->coarse.size(), size_t(kCoarseRegionLevels));
    size_t finer = outlines[0]->layer.count();
    for (const SegmentLayer& level : outlines[0]->coarse) {
        EXPECT_LT(level.count(), finer);
        finer = level.count();
    }
    EXPECT_EQ(m.selection_outlines(sel)[0], outlines[0]) << "made once for the same day";
    EXPECT_EQ(m.features.region("country:UKR"), -1) << "the model's features are not changed";
    sel.date = day;
    const auto after_day = m.selection_outlines(sel);
    ASSERT_EQ(after_day.size(), 1u);
    EXPECT_EQ(after_day[0]->areas, "") << "the outline follows the day";
    EXPECT_FALSE(reaches_simferopol(*after_day[0]));
    // The frame draws it, and holds it.
    const Frame framed = frame_for(sel);
    EXPECT_TRUE(std::any_of(framed.region_lines.begin(), framed.region_lines.end(), [&](const FrameRegionLine& l) {
        return l.own == after_day[0] && l.layer == MapLayer::Selection;
    }));
}

TEST(NorthernBorder, ALayerOfItsOwnWithEachNeighboursLength) {
    const MapFeatures& mf = albers().features;
    ASSERT_GE(mf.northern_border, 0);
    EXPECT_EQ(mf.regions[size_t(mf.northern_border)].id, "afghanistan-northern-border");
    ASSERT_EQ(mf.border_lengths.size(), 3u);
    // East to west, each labelled with the length border_lengths.csv publishes and its source;
    // the line drawn measures what geodata/README.md gives (geodesic, PROJ): 1,144.6, 134.1 and
    // 714.6 km, within 1 km.
    const Facts& facts = *albers().facts;
    const char* isos[] = {"TJK", "UZB", "TKM"};
    const double drawn_km[] = {1144.6, 134.1, 714.6};
    const char* labels[] = {"Tajikistan 1,357 km (CIA World Factbook)", "Uzbekistan 144 km (CIA World Factbook)",
                            "Turkmenistan 804 km (CIA World Factbook)"};
    for (size_t i = 0; i < 3; ++i) {
        const BorderLength& b = mf.border_lengths[i];
        const PublishedLength* p = facts.published_length("AFG", isos[i]);
        ASSERT_NE(p, nullptr) << isos[i];
        EXPECT_EQ(b.neighbour, isos[i]);
        EXPECT_DOUBLE_EQ(b.published_km, p->km);
        EXPECT_NEAR(b.drawn_km, drawn_km[i], 1.0) << "km";
        EXPECT_LT(b.drawn_km, b.published_km) << "the generalised line is the shorter";
        EXPECT_EQ(b.text, labels[i]);
    }
    EXPECT_EQ(source_name(facts.published_length("TJK", "AFG")->source), "CIA World Factbook");
    // The inspector's lines: both figures for each segment, then why they differ.
    const auto notes = border_length_notes(mf.border_lengths, {"AFG-TJK"});
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_NE(notes[0].find("1,357 km published (CIA World Factbook)"), std::string::npos) << notes[0];
    EXPECT_NE(notes[0].find("the line drawn measures 1,145 km"), std::string::npos) << notes[0];
    EXPECT_NE(notes[1].find("meanders"), std::string::npos) << notes[1];
    EXPECT_EQ(border_length_notes(mf.border_lengths).size(), 4u);
    EXPECT_TRUE(border_length_notes(mf.border_lengths, {"CHN-KAZ"}).empty());
    const AppState s = state_at(View{68, 37, 1500});
    const Frame f = frame_for(s);
    const bool drawn = std::any_of(f.region_lines.begin(), f.region_lines.end(),
                                   [&](const FrameRegionLine& r) { return r.region == mf.northern_border; });
    EXPECT_TRUE(drawn);
    int lengths = 0;
    for (const auto& l : f.labels) lengths += l.text.find(" km") != std::string::npos;
    EXPECT_EQ(lengths, 3);
}

// The article's own features are labelled before the country names and capitals: at the
// default view of the window and of an export, at both sizes, each segment of the northern
// border carries its length, and so does Kant.
TEST(LabelPriority, TheArticlesFeaturesAreLabelledFirstAtTheDefaultView) {
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1280, 720}}) {
        AppState s = state_at(View{65, 42, 4200}, w, h);
        s.pixel_scale = float(std::max(1.0, h / 1080.0));
        const Frame f = frame_for(s);
        for (const char* name : {"Tajikistan 1,357 km", "Uzbekistan 144 km", "Turkmenistan 804 km", "Kant airbase"}) {
            const bool labelled = std::any_of(f.labels.begin(), f.labels.end(), [&](const FrameLabel& l) {
                return l.text.rfind(name, 0) == 0;
            });
            EXPECT_TRUE(labelled) << name << " at " << w << "x" << h;
        }
    }
}

TEST(LabelsSweep, NoTwoLabelsOverlapWithCapitalsPlacesAndBorderLengths) {
    int views = 0, labels = 0;
    for (const Date d : {Date{1997, 6, 1}, kArticleDate, Date{2026, 1, 1}})
        for (double height_km : {9000.0, 4200.0, 2000.0, 900.0, 300.0})
            for (double lon = 50; lon <= 90; lon += 10)
                for (double lat = 33; lat <= 53; lat += 10) {
                    AppState s = state_at(View{lon, lat, height_km}, 1280, 720);
                    s.date = d;
                    const Frame f = frame_for(s);
                    std::vector<PlacedLabel> placed;
                    for (const auto& l : f.labels) {
                        const double w = font().measure(l.text) * l.style.size_px, h = l.style.size_px * 1.2;
                        EXPECT_GE(l.centre_px.x - w / 2, -0.5) << l.text;
                        EXPECT_LE(l.centre_px.x + w / 2, 1280.5) << l.text;
                        placed.push_back({l.text, 0, l.centre_px, w, h});
                    }
                    EXPECT_FALSE(labels_overlap(placed)) << "view " << lon << "," << lat << "," << height_km;
                    labels += int(placed.size());
                    ++views;
                }
    EXPECT_EQ(views, 3 * 5 * 5 * 3);
    EXPECT_GT(labels, 1000);
}

TEST(LabelsSweep, NoOverlapInsideTheViewAndBigCountriesLabelled) {
    auto model = MapModel::load(test::data_dir(), "albers");
    TextShaper& font = shaper_for(kLabelFont);  // measuring needs no GL
    const TextMeasure measure = measure_with(font);
    const int rus = model->world->country_index("RUS"), chn = model->world->country_index("CHN");
    ASSERT_GE(rus, 0);
    ASSERT_GE(chn, 0);
    int views = 0, big_checked = 0;
    for (double height_km : {12000.0, 6000.0, 4200.0, 2500.0, 1200.0, 500.0, 150.0})
        for (double lon = 45; lon <= 95; lon += 12.5)
            for (double lat = 30; lat <= 58; lat += 7) {
                AppState s;
                s.camera = camera_for_view(*model->projection, View{lon, lat, height_km}, 1280, 720);
                const Frame f = build_frame(s, Style{}, model->colours, model->label_candidates, measure);
                std::vector<PlacedLabel> placed;
                for (const auto& l : f.labels) {
                    const double w = font.measure(l.text) * l.style.size_px, h = l.style.size_px * 1.2;
                    EXPECT_GE(l.centre_px.x - w / 2, 0) << l.text;
                    EXPECT_LE(l.centre_px.x + w / 2, 1280) << l.text;
                    EXPECT_GE(l.centre_px.y - h / 2, 0) << l.text;
                    EXPECT_LE(l.centre_px.y + h / 2, 720) << l.text;
                    placed.push_back({l.text, 0, l.centre_px, w, h});
                }
                EXPECT_FALSE(labels_overlap(placed)) << "view " << lon << "," << lat << "," << height_km;
                const Box view = s.camera.visible();
                for (int c : {rus, chn}) {
                    const double visible = area(clip(model->projected.countries[size_t(c)], view));
                    if (visible < 0.2 * view.width() * view.height()) continue;
                    ++big_checked;
                    const std::string& name = model->world->countries[size_t(c)].name;
                    bool found = false;
                    for (const auto& l : f.labels) found |= l.text == name;
                    EXPECT_TRUE(found) << name << " covers a fifth of view " << lon << "," << lat << "," << height_km
                                       << " but has no label";
                }
                ++views;
            }
    EXPECT_EQ(views, 7 * 5 * 5);
    EXPECT_GT(big_checked, 20);
}

}  // namespace
}  // namespace atlas
