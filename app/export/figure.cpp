// Figure composition (see figure.hpp): no GL.
#include "export/figure.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <sstream>

#include "core/errors.hpp"
#include "core/style.hpp"
#include "core/tour.hpp"
#include "geo/furniture.hpp"
#include "geo/project.hpp"

namespace atlas {

namespace {
// Where a passage is from: "Iskandarov 2013, “Conclusion”, paragraph 4. " and the article's citation.
std::string passage_source(const Article& article, const Passage& p) {
    return "Iskandarov 2013, " + place_in_article(article, p) + ". " + article.citation;
}

}  // namespace

Decorations decorations_for(const MapModel& model, const AppState& state, const FigureChoice& choice,
                            const std::string& caption_from) {
    Decorations d;
    d.title = choice.title;
    d.symbol_key = choice.legend;
    // The classes only where the map shows the memberships (a legend lists what the map shows).
    if (choice.legend && state.layers.memberships && model.facts && model.world) {
        d.legend = legend(overlay_on(*model.facts, *model.world, state.date),
                          model.countries_in(state.camera.visible(), state.date), Style{}.overlay);
        d.legend_title = "On " + state.date.text();
    }
    if (choice.scale_bar && model.projection) {
        // At most a fifth of the image's width, as on a printed map.
        const ScaleBar bar = scale_bar(*model.projection, state.camera, state.camera.width_px / 5.0);
        if (bar.length_px > 0) d.scale_bar = Decorations::Bar{bar.length_px, bar.label};
    }
    if (choice.attribution) d.attribution = kAttribution;
    if (choice.citation && model.article) d.citation = model.article->citation;
    if (!choice.caption_passage.empty()) {
        const Passage* p = model.article ? model.article->passage(choice.caption_passage) : nullptr;
        if (!p)
            throw UsageError("invalid " + caption_from + " '" + choice.caption_passage +
                             "': the article has no passage with that id");
        d.caption = Decorations::Caption{choice.caption_heading, p->text, passage_source(*model.article, *p), false,
                                         "The map on " + state.date.text()};
    }
    return d;
}

std::vector<Decorations::UserLayerKey> user_layer_keys(const MapModel& model, const Frame& frame) {
    std::vector<Decorations::UserLayerKey> out;
    const Box view = frame.camera.visible();
    for (const int u : frame.user_layers) {
        if (u < 0 || size_t(u) >= model.features.user_layers.size()) continue;
        const ProjectedUserLayer& p = model.features.user_layers[size_t(u)];
        if (!p.source) continue;
        Decorations::UserLayerKey key{p.source->name, p.colour};
        for (size_t f = 0; f < p.source->features.size() && f < p.feature_bounds.size(); ++f) {
            if (!p.feature_bounds[f].intersects(view)) continue;
            switch (p.source->features[f].kind) {
                case UserFeature::Kind::Point: key.points = true; break;
                case UserFeature::Kind::Line: key.lines = true; break;
                case UserFeature::Kind::Polygon: key.polygons = true; break;
            }
        }
        if (key.points || key.lines || key.polygons) out.push_back(std::move(key));
    }
    return out;
}
ViewRecord view_record(const MapModel& model, const AppState& state) {
    ViewRecord r;
    r.view = format_view(view_for_camera(*model.projection, state.camera));
    r.projection = model.projection->info().id;
    r.date = state.date.str();
    r.selected = state.selected;
    r.title = "ca-atlas: " + r.view + ", " + r.projection + ", " + r.date;
    return r;
}

namespace {
// The switched decorations, by the command line's names, in the order they are recorded.
constexpr std::pair<const char*, bool FigureChoice::*> kDecorationSwitches[] = {
    {"legend", &FigureChoice::legend},
    {"scale-bar", &FigureChoice::scale_bar},
    {"attribution", &FigureChoice::attribution},
    {"citation", &FigureChoice::citation}};

// The shortest text that reads back as exactly `value` (std::from_chars of the same type).
template <typename Number>
std::string shortest_text(Number value) {
    char buf[64];  // a double's shortest form is at most 24 characters
    const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    return std::string(buf, end);
}
}  // namespace

std::string decoration_switches(const FigureChoice& choice) {
    std::string out;
    for (const auto& [name, member] : kDecorationSwitches)
        if (choice.*member) out.append(out.empty() ? "" : " ").append(name);
    return out;
}

bool parse_decoration_switches(const std::string& text, FigureChoice& choice, std::string& unknown) {
    std::istringstream words(text);
    for (std::string word; words >> word;) {
        const auto* it = std::find_if(std::begin(kDecorationSwitches), std::end(kDecorationSwitches),
                                      [&](const auto& sw) { return word == sw.first; });
        if (it == std::end(kDecorationSwitches)) {
            unknown = word;
            return false;
        }
        choice.*(it->second) = true;
    }
    return true;
}

std::vector<std::pair<std::string, std::string>> figure_records(const MapModel& model, const AppState& state,
                                                                const Figure& figure) {
    const ViewRecord view = view_record(model, state);
    std::vector<std::pair<std::string, std::string>> out{
        {kPngViewKey, view.view}, {kPngProjectionKey, view.projection}, {kPngDateKey, view.date}};
    if (!view.selected.empty()) out.emplace_back(kPngSelectedKey, view.selected);
    out.emplace_back(kRecordSizeKey,
                     std::to_string(state.camera.width_px) + "x" + std::to_string(state.camera.height_px));
    const std::string layers = layers_text(state.layers);
    out.emplace_back(kRecordLayersKey, layers.empty() ? "none" : layers);
    std::string user;
    for (const auto& layer : model.user_layers)
        if (layer && std::find(state.user_hidden.begin(), state.user_hidden.end(), layer->id) == state.user_hidden.end())
            user.append(user.empty() ? "" : "\n").append(user_layer_ref(*layer));
    if (!user.empty()) out.emplace_back(kRecordUserLayersKey, user);
    if (figure.dpi > 0) out.emplace_back(kRecordDpiKey, shortest_text(figure.dpi));
    if (figure.transparent_sea) out.emplace_back(kRecordTransparentSeaKey, "yes");
    if (figure.request) {
        const FigureChoice& c = figure.request->choice;
        if (!c.title.empty()) out.emplace_back(kRecordTitleKey, c.title);
        if (const std::string switches = decoration_switches(c); !switches.empty())
            out.emplace_back(kRecordDecorationsKey, switches);
        if (!c.caption_passage.empty()) out.emplace_back(kRecordCaptionKey, c.caption_passage);
        if (figure.request->scale) out.emplace_back(kRecordScaleKey, shortest_text(*figure.request->scale));
    }
    return out;
}

std::string scene_heading(size_t index, size_t count, const std::string& title) {
    return std::to_string(index + 1) + " / " + std::to_string(count) + "   " + title;
}

Frame presentation_caption(const MapModel& model, size_t index, int width, int height, const TextMeasure& measure,
                           float scale) {
    if (index >= model.tour.size()) {
        Frame none;
        none.camera.width_px = width;
        none.camera.height_px = height;
        return none;
    }
    const Scene& sc = model.tour[index];
    const Passage* p = model.article ? model.article->passage(sc.passage) : nullptr;
    Decorations::Caption c;
    c.heading = scene_heading(index, model.tour.size(), sc.title);
    c.passage = p ? p->text : "";
    c.source = p ? passage_source(*model.article, *p) : "";
    c.dateline = "The map on " + sc.date.text();  // the presentation shows the map's day
    return presentation_caption_of(std::move(c), width, height, measure, scale);
}

Frame presentation_caption_of(Decorations::Caption caption, int width, int height, const TextMeasure& measure,
                              float scale) {
    Frame band;
    band.camera.width_px = width;
    band.camera.height_px = height;
    caption.projector = true;
    Decorations d;
    d.caption = std::move(caption);
    add_decorations(band, d, Style{}.overlay, measure, scale);
    band.covered_bottom_px = bottom_band_px(band);
    return band;
}

float presentation_scale(int height) { return std::max(0.5f, float(height) / 1080.0f); }

float slide_scale(int height) { return kPresentationScale * std::max(1.0f, float(height) / 1080.0f); }

namespace {
void add_over(Frame& frame, Frame&& decorations) {
    frame.panels.insert(frame.panels.end(), decorations.panels.begin(), decorations.panels.end());
    frame.panel_symbols.insert(frame.panel_symbols.end(), decorations.panel_symbols.begin(),
                               decorations.panel_symbols.end());
    frame.panel_labels.insert(frame.panel_labels.end(), decorations.panel_labels.begin(),
                              decorations.panel_labels.end());
}

// The boxes the decorations' panels cover (a legend, a title, a scale bar's box), where no label of
// the map is placed.
std::vector<Box> panel_boxes(const Frame& decorations) {
    std::vector<Box> out;
    for (const auto& p : decorations.panels) {
        Box b;
        b.add(p.min_px);
        b.add(p.max_px);
        out.push_back(b);
    }
    return out;
}

// Whether a label of `frame` reaches into one of `boxes`.
bool labels_under(const Frame& frame, const std::vector<Box>& boxes, const TextMeasure& measure) {
    for (const auto& l : frame.labels) {
        const double w = measure(l.text) * l.style.size_px / 2, h = l.style.size_px * 0.6;
        Box label;
        label.add(Vec2{l.centre_px.x - w, l.centre_px.y - h});
        label.add(Vec2{l.centre_px.x + w, l.centre_px.y + h});
        for (const Box& b : boxes)
            if (label.intersects(b)) return true;
    }
    return false;
}
}  // namespace

Frame presentation_frame(const MapModel& model, const AppState& state, const TextMeasure& measure, const Frame& caption,
                         const std::vector<LegendEntry>* classes) {
    FrameExtras extras = model.extras(state, Style{});
    extras.covered_bottom_px = caption.covered_bottom_px;
    Frame frame = build_frame(state, Style{}, model.colours, model.label_candidates, measure, extras);
    const auto with_caption = [&](Frame& f) {
        f.panels = caption.panels;
        f.panel_labels = caption.panel_labels;
        f.covered_bottom_px = caption.covered_bottom_px;  // opaque: the map is not drawn under it
    };
    with_caption(frame);
    if (!classes) return frame;
    // The legend of what is in view, bottom left above the caption, in type the back row reads.
    Decorations d;
    if (state.layers.memberships && !classes->empty()) {
        d.legend = *classes;
        d.legend_title = "On " + state.date.text();
    }
    d.symbols = symbols_in_view(frame);
    d.user_layers = user_layer_keys(model, frame);
    if (d.legend.empty() && d.symbols.empty() && d.user_layers.empty()) return frame;
    Frame legend;
    legend.camera = state.camera;
    legend.camera.height_px -= caption.covered_bottom_px;
    add_decorations(legend, d, Style{}.overlay, measure, kPresentationLegendScale * presentation_scale(state.camera.height_px));
    // The map's names clear of the legend (a name under its edge read "urkey"): placed again
    // where one reached under it.
    extras.covered = panel_boxes(legend);
    if (labels_under(frame, extras.covered, measure)) {
        frame = build_frame(state, Style{}, model.colours, model.label_candidates, measure, extras);
        with_caption(frame);
    }
    add_over(frame, std::move(legend));
    return frame;
}

void add_ink(Frame& frame, const MapModel& model, const Annotations& ink, const Camera& camera, float scale,
             const TextMeasure& measure) {
    if (ink.empty() || !model.projection) return;
    const LonLatToMap forward = [&](Vec2 ll) { return model.projection->forward(ll); };
    const SceneInk drawn = ink_for_export(annotations_on_screen(ink, camera, forward, scale), camera, measure);
    for (size_t i = 0; i < drawn.strokes.size(); ++i)
        frame.region_lines.push_back({-1, drawn.strokes[i].line, drawn.strokes[i].rim, MapLayer::Drawings,
                                      std::make_shared<const ProjectedRegion>(region_of_map_lines(
                                          "drawing:" + std::to_string(i), drawn.strokes[i].lines))});
    frame.labels.insert(frame.labels.end(), drawn.texts.begin(), drawn.texts.end());
}

Frame figure_frame(const MapModel& model, const AppState& state, const TextMeasure& measure, const Figure& figure) {
    Decorations d = figure.decorations;
    const float decoration_scale = figure.decoration_scale > 0 ? figure.decoration_scale : state.pixel_scale;
    const auto lay_out = [&] {
        Frame decorations;
        decorations.camera = state.camera;
        if (!d.empty()) add_decorations(decorations, d, Style{}.overlay, measure, decoration_scale);
        return decorations;
    };
    Frame decorations = lay_out();
    FrameExtras extras = model.extras(state, Style{});
    extras.covered_bottom_px = bottom_band_px(decorations);
    extras.covered = panel_boxes(decorations);
    const auto map_of = [&] {
        Frame frame = build_frame(state, Style{}, model.colours, model.label_candidates, measure, extras);
        add_ink(frame, model, figure.ink, state.camera, state.pixel_scale, measure);
        return frame;
    };
    Frame frame = map_of();
    // The legend explains the marks of this map too: laid out again with them (the bottom band the
    // map was placed around does not change, the legend is not part of it), and the map's names
    // placed again clear of the grown legend where one reaches under it.
    if (d.symbol_key) {
        d.symbols = symbols_in_view(frame);
        d.user_layers = user_layer_keys(model, frame);
        if (!d.symbols.empty() || !d.user_layers.empty()) {
            decorations = lay_out();
            extras.covered = panel_boxes(decorations);
            if (labels_under(frame, extras.covered, measure)) frame = map_of();
        }
    }
    add_over(frame, std::move(decorations));
    return frame;
}

}  // namespace atlas
