// The one drawing routine of the vector exports: a Frame and the projected geometry as groups of
// paths and text on a VectorCanvas, in the renderer's order (app/render/renderer.cpp) and with
// its shapes (shaders/symbol.frag, shaders/hatch.frag). Writes no file itself.
#include "export/vector.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

namespace atlas {

namespace {

// Paths are simplified to this many pixels of the image (Douglas-Peucker) before they are written:
// invisible at the image's resolution, and a zoomed-in view at full detail stays a small file.
constexpr double kSimplifyPx = 0.2;

Box grown(Box b, double d) {
    b.min_x -= d;
    b.min_y -= d;
    b.max_x += d;
    b.max_y += d;
    return b;
}

// The polylines of a segment layer that reach into `view`, in image pixels: consecutive segments
// sharing an end are one polyline again (a layer's cells keep its segments in line order).
VectorPath lines_in_view(const SegmentLayer& layer, const Box& view, const Camera& cam) {
    VectorPath out;
    std::vector<Polyline> lines;
    Vec2 last;
    bool open = false;
    for (const SegmentLayer::Cell& cell : layer.cells) {
        if (!cell.bounds.intersects(view)) continue;
        for (size_t k = cell.first; k < size_t(cell.first) + cell.count; ++k) {
            const float* s = &layer.segments[k * 4];
            const Vec2 a{s[0], s[1]}, b{s[2], s[3]};
            Box sb;
            sb.add(a);
            sb.add(b);
            if (!sb.intersects(view)) {
                open = false;
                continue;
            }
            if (open && a == last)
                lines.back().push_back(b);
            else
                lines.push_back({a, b});
            last = b;
            open = true;
        }
    }
    const double tol = kSimplifyPx * cam.metres_per_px;
    for (const Polyline& l : lines) {
        std::vector<Vec2> px;
        for (const Vec2 p : simplify(l, tol)) px.push_back(cam.to_screen(p));
        out.parts.push_back(std::move(px));
    }
    return out;
}

// The part of a country's outline within `clip_box` (map metres), as a closed path in pixels.
VectorPath shape_path(const MultiPolygon& shape, const Box& clip_box, const Camera& cam) {
    VectorPath out;
    out.closed = true;
    const Box b = bounds(shape);
    const MultiPolygon inside = clip_box.contains({b.min_x, b.min_y}) && clip_box.contains({b.max_x, b.max_y})
                                    ? simplify(shape, kSimplifyPx * cam.metres_per_px)
                                    : simplify(clip(shape, clip_box), kSimplifyPx * cam.metres_per_px);
    for (const Polygon& poly : inside)
        for (const Ring& ring : poly.rings) {
            std::vector<Vec2> px;
            for (const Vec2 p : ring) px.push_back(cam.to_screen(p));
            out.parts.push_back(std::move(px));
        }
    return out;
}

Rgba with_alpha(Rgba c, double a) {
    c.a = std::uint8_t(std::lround(std::clamp(a, 0.0, 1.0) * 255));
    return c;
}

// A symbol's edge (shaders/symbol.frag's shapes, radius r pixels), a closed path.
std::vector<Vec2> symbol_edge(SymbolShape shape, Vec2 c, double r) {
    std::vector<Vec2> pts;
    switch (shape) {
        case SymbolShape::Square: {
            const double h = r * 0.82;  // the shader's half side
            pts = {{c.x - h, c.y - h}, {c.x + h, c.y - h}, {c.x + h, c.y + h}, {c.x - h, c.y + h}};
            break;
        }
        case SymbolShape::Diamond:
            pts = {{c.x, c.y - r}, {c.x + r, c.y}, {c.x, c.y + r}, {c.x - r, c.y}};
            break;
        case SymbolShape::Triangle:  // point up, its edges r / 2 from the centre
            pts = {{c.x, c.y - r}, {c.x + r * 0.8660254, c.y + r / 2}, {c.x - r * 0.8660254, c.y + r / 2}};
            break;
        case SymbolShape::Star: {
            // Five points: the shader's boundary runs from 0.45 r between the points to r at them,
            // with the square of the angular distance, so its edges curve inwards; 24 steps a point.
            constexpr int kSteps = 5 * 24;
            const double sector = 2 * M_PI / 5;
            for (int i = 0; i < kSteps; ++i) {
                const double a = 2 * M_PI * i / kSteps;
                const double t = std::abs(std::fmod(a, sector) - sector / 2) / (sector / 2);
                const double rad = r * (0.45 + 0.55 * t * t);
                pts.push_back({c.x + rad * std::sin(a), c.y - rad * std::cos(a)});
            }
            break;
        }
        case SymbolShape::Circle:
        case SymbolShape::Dot: {
            // Enough sides that no side strays more than 0.05 px from the circle.
            const int n = std::clamp(int(std::ceil(M_PI / std::acos(1 - 0.05 / std::max(r, 0.1)))), 12, 256);
            for (int i = 0; i < n; ++i)
                pts.push_back({c.x + r * std::cos(2 * M_PI * i / n), c.y + r * std::sin(2 * M_PI * i / n)});
            break;
        }
    }
    return pts;
}

// The distance from a shape's centre to its edges, over its radius: how much a hollow symbol's
// ring is scaled in to lie inside the edge.
double inradius(SymbolShape shape) {
    switch (shape) {
        case SymbolShape::Square: return 0.82;
        case SymbolShape::Diamond: return 0.70710678;
        case SymbolShape::Triangle: return 0.5;
        case SymbolShape::Star: return 0.45;
        case SymbolShape::Circle:
        case SymbolShape::Dot: break;
    }
    return 1.0;
}

void draw_symbol(const FrameSymbol& s, VectorCanvas& canvas) {
    const double r = s.size_px / 2, ow = s.outline_px, alpha = s.fill.a / 255.0;
    const Rgba outline = with_alpha(s.outline, alpha);
    if (!s.hollow) {
        Paint p;
        p.fill = s.fill;
        p.stroke = outline;
        p.stroke_px = 2 * ow;
        p.stroke_first = true;
        canvas.path({{symbol_edge(s.shape, s.centre_px, r)}, true}, p);
        return;
    }
    // A ring rw wide inside the edge, outlined on both sides (the shader's hollow symbol).
    const double rw = std::max(r * 0.3, 2.0);
    const double inner = inradius(s.shape) * r;
    const VectorPath ring{{symbol_edge(s.shape, s.centre_px, r * (inner - rw / 2) / inner)}, true};
    Paint edge;
    edge.stroke = outline;
    edge.stroke_px = rw + 2 * ow;
    canvas.path(ring, edge);
    Paint body;
    body.stroke = s.fill;
    body.stroke_px = rw;
    canvas.path(ring, body);
}

bool layer_on(const Layers& l, MapLayer layer) {
    switch (layer) {
        case MapLayer::Countries: return l.countries;
        case MapLayer::Provinces: return l.provinces;
        case MapLayer::Labels: return l.labels;
        case MapLayer::Memberships: return l.memberships;
        case MapLayer::NorthernBorder: return l.northern_border;
        case MapLayer::Regions: return l.regions;
        case MapLayer::Places: return l.places;
        case MapLayer::Capitals: return l.capitals;
        case MapLayer::Graticule: return l.graticule;
        case MapLayer::Selection:
        case MapLayer::Drawings:
        case MapLayer::User: break;
    }
    return false;
}

}  // namespace

HatchTile hatch_tile(const HatchPattern& h) {
    HatchTile tile;
    const double p = h.period_px;
    if (h.kind == Hatch::Dots) {  // one dot in the middle of the tile
        tile.filled = true;
        tile.shapes.closed = true;
        tile.shapes.parts.push_back(symbol_edge(SymbolShape::Dot, {p / 2, p / 2}, h.width_px));
        return tile;
    }
    // Diagonal lines through x + y = (n + 1/2) p (and x - y, crossed), as the shader draws them;
    // from one tile beyond each side, so the tile's edges cut them and nothing is missing.
    for (int n = -2; n <= 2; ++n) {
        const double c = (n + 0.5) * p;
        tile.shapes.parts.push_back({{-p, c + p}, {2 * p, c - 2 * p}});
        if (h.kind == Hatch::Cross) tile.shapes.parts.push_back({{-p, -p - c}, {2 * p, 2 * p - c}});
    }
    return tile;
}

VectorPath hatch_lines(const HatchPattern& h, const Box& area) {
    VectorPath out;
    const double p = h.period_px, x0 = area.min_x - p, x1 = area.max_x + p;
    // In tile coordinates (the image less the origin) the lines are x + y = (n + 1/2) p, and for
    // the crossed pattern x - y = (n + 1/2) p as well.
    const Vec2 o = h.origin_px;
    auto lines = [&](double sign) {  // x + sign * y = c + (o.x + sign * o.y)
        const double lo = std::min(area.min_x + sign * area.min_y, area.min_x + sign * area.max_y) - p;
        const double hi = std::max(area.max_x + sign * area.min_y, area.max_x + sign * area.max_y) + p;
        const double shift = o.x + sign * o.y;
        for (double n = std::floor((lo - shift) / p); (n + 0.5) * p + shift <= hi; ++n) {
            const double c = (n + 0.5) * p + shift;
            out.parts.push_back({{x0, (c - x0) * sign}, {x1, (c - x1) * sign}});
        }
    };
    lines(1);
    if (h.kind == Hatch::Cross) lines(-1);
    return out;
}

std::vector<VectorGroup> vector_groups(const Layers& layers, bool selection, bool drawings,
                                       const std::vector<std::pair<int, std::string>>& user) {
    struct Entry {
        MapLayer layer;
        bool names;
        const char* id;
        const char* label;
    };
    static const Entry kOrder[] = {
        {MapLayer::Countries, false, "land", "Land"},
        {MapLayer::Memberships, false, "memberships", "Memberships"},
        {MapLayer::Countries, false, "countries", "Countries: borders"},
        {MapLayer::Provinces, false, "provinces", "Provinces"},
        {MapLayer::Graticule, false, "graticule", "Graticule"},
        {MapLayer::Regions, false, "regions", "Regions"},
        {MapLayer::NorthernBorder, false, "northern_border", "Afghanistan's northern border"},
        {MapLayer::Selection, false, "selection", "Selection"},
        {MapLayer::Places, false, "places", "Places"},
        {MapLayer::Capitals, false, "capitals", "Capitals"},
        {MapLayer::Labels, true, "labels", "Country names"},
        {MapLayer::NorthernBorder, true, "northern_border-names", "Afghanistan's northern border: lengths"},
        {MapLayer::Regions, true, "regions-names", "Regions: names"},
        {MapLayer::Places, true, "places-names", "Places: names"},
        {MapLayer::Capitals, true, "capitals-names", "Capitals: names"},
        {MapLayer::Drawings, false, "drawings", "Drawings"},
    };
    std::vector<VectorGroup> out;
    for (const Entry& e : kOrder) {
        if (e.layer == MapLayer::Selection  ? selection
            : e.layer == MapLayer::Drawings ? drawings
                                            : layer_on(layers, e.layer))
            out.push_back({e.layer, e.names, e.id, e.label, std::string_view(e.id) == "land"});
        if (std::string_view(e.id) == "capitals")  // the user's layers over the article's marks
            for (const auto& [index, name] : user)
                out.push_back({MapLayer::User, false, "user-" + std::to_string(index + 1), name, false, index});
    }
    return out;
}

void draw_map(const Frame& frame, const Layers& layers, const ProjectedWorld& world, const MapFeatures& features,
              VectorCanvas& canvas) {
    const Camera& cam = frame.camera;
    const double w = cam.width_px, h = cam.height_px, mpp = cam.metres_per_px;
    canvas.path({{{{0, 0}, {w, 0}, {w, h}, {0, h}}}, true}, Paint{frame.background});

    // The visible map grown by the widest line, as the renderer culls, and the level it draws.
    double widest = std::max({frame.country_line.width_px, frame.coast_line.width_px, frame.province_line.width_px});
    for (const auto& rl : frame.region_lines) widest = std::max({widest, double(rl.line.width_px), double(rl.halo.width_px)});
    const Box view = grown(cam.visible(), (widest + 2) * mpp);
    const DetailLevel* lv = world.levels.empty() ? nullptr : &world.levels[level_index(world.levels, mpp)];
    const bool selection =
        std::any_of(frame.region_lines.begin(), frame.region_lines.end(),
                    [](const FrameRegionLine& r) { return r.layer == MapLayer::Selection; }) ||
        std::any_of(frame.symbols.begin(), frame.symbols.end(),
                    [](const FrameSymbol& s) { return s.layer == MapLayer::Selection; });
    const bool drawings =
        std::any_of(frame.region_lines.begin(), frame.region_lines.end(),
                    [](const FrameRegionLine& r) { return r.layer == MapLayer::Drawings; }) ||
        std::any_of(frame.labels.begin(), frame.labels.end(), [](const FrameLabel& l) { return l.layer == MapLayer::Drawings; });

    std::vector<HatchPattern> hatches(frame.country_fill.size());
    // The land in its own colours (`overlay` false: the countries' layer), or the memberships'
    // paint over it (true). Both are opaque, so together they look as the screen's one fill does.
    auto fills = [&](bool overlay) {
        if (!frame.draw_fills || !lv) return;
        const std::vector<Rgba>& colour =
            overlay || frame.land_fill.size() != frame.country_fill.size() ? frame.country_fill : frame.land_fill;
        for (size_t c = 0; c < world.countries.size() && c < colour.size(); ++c) {
            if (!world.country_bounds[c].intersects(view)) continue;
            const VectorPath p = shape_path(level_shape(world, *lv, c), view, cam);
            if (p.empty()) continue;
            Paint paint{colour[c]};
            const Hatch kind =
                overlay && c < frame.country_hatch.size() ? Hatch(frame.country_hatch[c].a) : Hatch::None;
            if (kind != Hatch::None) {
                // Anchored to the map: a tile's corner on the map's origin, as on screen.
                hatches[c] = {kind, with_alpha(frame.country_hatch[c], 1.0), frame.hatch_period_px,
                              hatch_width_px(kind, frame.hatch_period_px), cam.to_screen({0, 0})};
                paint.hatch = &hatches[c];
            }
            canvas.path(p, paint);
        }
    };
    auto lines = [&](const SegmentLayer& layer, const LineStyle& style) {
        const VectorPath p = lines_in_view(layer, view, cam);
        if (!p.empty() && style.width_px > 0) canvas.path(p, Paint{{0, 0, 0, 0}, nullptr, style.colour, style.width_px});
    };
    // A control area's edge: a province edge while its owner is the country beyond it, as drawn on screen.
    auto edge_is_border = [&frame](size_t a) {
        return a >= frame.area_edge_is_border.size() || frame.area_edge_is_border[a];
    };
    auto region_lines = [&](MapLayer layer) {
        for (int pass = 0; pass < 2; ++pass)  // every halo of the layer, then every line
            for (const auto& rl : frame.region_lines) {
                const bool known = rl.own || (rl.region >= 0 && size_t(rl.region) < features.regions.size());
                if (rl.layer != layer || !known) continue;
                const ProjectedRegion& r = rl.own ? *rl.own : features.regions[size_t(rl.region)];
                lines(r.at_scale(mpp), pass == 0 ? rl.halo : rl.line);  // as the renderer switches
            }
        for (const auto& s : frame.symbols)
            if (s.layer == layer) draw_symbol(s, canvas);
    };

    // A user's layer: its lines (halos, then lines), its points, then its names, in its group.
    auto user_group = [&](int user) {
        // Its polygons first, translucent as on screen: each feature's rings one even-odd path.
        for (const FrameUserFill& uf : frame.user_fills) {
            if (uf.user != user || size_t(user) >= features.user_layers.size()) continue;
            const ProjectedUserLayer& u = features.user_layers[size_t(user)];
            if (!u.source || !u.lines) continue;
            std::map<int, MultiPolygon> rings;
            for (size_t l = 0; l < u.lines->lines.size() && l < u.line_feature.size(); ++l) {
                const int ft = u.line_feature[l];
                if (ft < 0 || size_t(ft) >= u.source->features.size() ||
                    u.source->features[size_t(ft)].kind != UserFeature::Kind::Polygon ||
                    !u.line_bounds[l].intersects(view))
                    continue;
                rings[ft].push_back(Polygon{{u.lines->lines[l]}});
            }
            for (const auto& [ft, shape] : rings)
                if (const VectorPath p = shape_path(shape, view, cam); !p.empty()) canvas.path(p, Paint{uf.colour});
        }
        for (int pass = 0; pass < 2; ++pass)
            for (const auto& rl : frame.region_lines)
                if (rl.layer == MapLayer::User && rl.user == user && rl.own)
                    lines(rl.own->at_scale(mpp), pass == 0 ? rl.halo : rl.line);
        for (const auto& s : frame.symbols)
            if (s.layer == MapLayer::User && s.user == user) draw_symbol(s, canvas);
        for (const auto& l : frame.labels)
            if (l.layer == MapLayer::User && l.user == user)
                canvas.text(l.text, l.centre_px.x, l.centre_px.y + kLabelBaselineEm * l.style.size_px, l.style);
    };
    std::vector<std::pair<int, std::string>> user;
    for (int u : frame.user_layers)
        if (u >= 0 && size_t(u) < features.user_layers.size() && features.user_layers[size_t(u)].source)
            user.emplace_back(u, features.user_layers[size_t(u)].source->name);

    for (const VectorGroup& g : vector_groups(layers, selection, drawings, user)) {
        canvas.begin_layer(g.id, g.label);
        if (g.layer == MapLayer::User) {
            user_group(g.user);
        } else if (g.names) {
            for (const auto& l : frame.labels)
                if (l.layer == g.layer)
                    canvas.text(l.text, l.centre_px.x, l.centre_px.y + kLabelBaselineEm * l.style.size_px, l.style);
        } else if (g.layer == MapLayer::Memberships) {
            fills(true);
        } else if (g.land) {
            fills(false);
        } else if (g.layer == MapLayer::Countries) {
            if (frame.draw_country_lines && lv) {
                if (frame.country_halo.width_px > 0) {  // the casing under every border, as on screen
                    lines(lv->border_lines, frame.country_halo);
                    for (size_t a = 0; a < lv->area_edges.size(); ++a)
                        if (edge_is_border(a)) lines(lv->area_edges[a], frame.country_halo);
                }
                lines(lv->coast_lines, frame.coast_line);
                lines(lv->border_lines, frame.country_line);
                for (size_t a = 0; a < lv->area_edges.size(); ++a)
                    if (edge_is_border(a)) lines(lv->area_edges[a], frame.country_line);
            }
        } else if (g.layer == MapLayer::Provinces) {
            if (frame.draw_province_lines && lv) lines(lv->province_lines, frame.province_line);
            if (frame.draw_other_province_lines && lv) {
                lines(lv->other_province_lines, frame.province_line);
                for (size_t a = 0; a < lv->area_edges.size(); ++a)
                    if (!edge_is_border(a)) lines(lv->area_edges[a], frame.province_line);
            }
        } else {
            region_lines(g.layer);
            if (g.layer == MapLayer::Drawings)  // their text over their strokes, in their group
                for (const auto& l : frame.labels)
                    if (l.layer == MapLayer::Drawings)
                        canvas.text(l.text, l.centre_px.x, l.centre_px.y + kLabelBaselineEm * l.style.size_px, l.style);
        }
        canvas.end_layer();
    }
    // A figure's decorations (title, legend, scale bar, caption ...) over the map, in one group.
    if (!frame.panels.empty() || !frame.panel_labels.empty() || !frame.panel_symbols.empty()) {
        canvas.begin_layer("figure", "Title, legend, scale bar and caption");
        std::vector<HatchPattern> swatches(frame.panels.size());
        for (size_t i = 0; i < frame.panels.size(); ++i) {
            const FramePanel& p = frame.panels[i];
            Paint paint{p.fill};
            if (const Hatch kind = Hatch(p.hatch.a); kind != Hatch::None) {
                // Anchored to the image, as the renderer anchors a panel's pattern.
                swatches[i] = {kind, with_alpha(p.hatch, 1.0), frame.hatch_period_px,
                               hatch_width_px(kind, frame.hatch_period_px), {0, 0}};
                paint.hatch = &swatches[i];
            }
            canvas.path({{{p.min_px, {p.max_px.x, p.min_px.y}, p.max_px, {p.min_px.x, p.max_px.y}}}, true}, paint);
        }
        for (const auto& s : frame.panel_symbols) draw_symbol(s, canvas);
        for (const auto& l : frame.panel_labels)
            canvas.text(l.text, l.centre_px.x, l.centre_px.y + kLabelBaselineEm * l.style.size_px, l.style);
        canvas.end_layer();
    }
}

}  // namespace atlas
