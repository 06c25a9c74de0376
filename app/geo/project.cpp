// Projection, simplification and triangulation of the World into the renderer's meshes.
#include "project.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>

#include "core/labels.hpp"
#include "core/tessellate.hpp"
#include "geodesic.hpp"
#include "load.hpp"

namespace atlas {

namespace {

// Coarser levels start at 1000 m/px (below it full detail costs little: most of the map is off
// screen and culled) and step by 2, up to 32000 m/px near the widest zoom. Each is simplified to
// 1.5 px at the finest scale it serves, so lines move by at most 0.75 to 1.5 px over its range
// (README, "Levels of detail": the segment count is what software GL pays for).
constexpr double kFirstLevelMetresPerPx = 1000.0;
constexpr double kLevelStep = 2.0;
constexpr int kCoarseLevels = 6;
constexpr double kTolerancePx = 1.5;
// Spatial cells per side for line culling: 24 x 24 cells keep a zoomed-in view to a few cells.
constexpr int kCells = 24;

// Splits each edge a->b into ceil(len / step) equal parts. Points are always interpolated from
// the lexicographically smaller end, so the same edge walked either way (two neighbouring
// countries, or a country and its border line) gives bit-identical points.
void densify_edge(Vec2 a, Vec2 b, std::vector<Vec2>& out) {
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    const int n = std::max(1, int(std::ceil(len / kDensifyDegrees)));
    const bool swap = (b.x < a.x) || (b.x == a.x && b.y < a.y);
    const Vec2 p = swap ? b : a, q = swap ? a : b;
    out.push_back(a);
    for (int k = 1; k < n; ++k) {
        const double t = double(swap ? n - k : k) / n;
        out.push_back({p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t});
    }
}

std::vector<Vec2> densify(const std::vector<Vec2>& pts, bool closed) {
    std::vector<Vec2> out;
    if (pts.empty()) return out;
    out.reserve(pts.size() * 2);
    for (size_t i = 0; i + 1 < pts.size(); ++i) densify_edge(pts[i], pts[i + 1], out);
    if (closed)
        densify_edge(pts.back(), pts.front(), out);
    else
        out.push_back(pts.back());
    return out;
}

bool finite(Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y) && std::abs(p.x) < 1e12; }

void project_in_place(const Projection& proj, std::vector<Vec2>& pts) {
    std::vector<double> x(pts.size()), y(pts.size());
    for (size_t i = 0; i < pts.size(); ++i) {
        x[i] = pts[i].x;
        y[i] = pts[i].y;
    }
    proj.forward(x.data(), y.data(), pts.size());
    for (size_t i = 0; i < pts.size(); ++i) pts[i] = {x[i], y[i]};
}

MultiPolygon project_shape(const Projection& proj, const MultiPolygon& mp) {
    MultiPolygon out;
    for (const auto& poly : mp) {
        Polygon p;
        for (const auto& ring : poly.rings) {
            Ring r = densify(ring, true);
            project_in_place(proj, r);
            r.erase(std::remove_if(r.begin(), r.end(), [](Vec2 v) { return !finite(v); }), r.end());
            if (r.size() >= 3)
                p.rings.push_back(std::move(r));
            else if (p.rings.empty())
                break;
        }
        if (!p.rings.empty()) out.push_back(std::move(p));
    }
    return out;
}

// Projected polylines, split where a point could not be projected.
std::vector<Polyline> project_lines(const Projection& proj, const std::vector<Polyline>& lines) {
    std::vector<Polyline> out;
    for (const auto& l : lines) {
        std::vector<Vec2> pts = densify(l, false);
        project_in_place(proj, pts);
        Polyline cur;
        for (Vec2 v : pts) {
            if (finite(v)) {
                cur.push_back(v);
                continue;
            }
            if (cur.size() >= 2) out.push_back(std::move(cur));
            cur.clear();
        }
        if (cur.size() >= 2) out.push_back(std::move(cur));
    }
    return out;
}

struct PointHash {
    size_t operator()(Vec2 p) const {
        std::uint64_t a, b;
        std::memcpy(&a, &p.x, sizeof a);
        std::memcpy(&b, &p.y, sizeof b);
        return size_t(a * 0x9E3779B97F4A7C15ull ^ (b + 0x7F4A7C159E3779B9ull + (a << 6) + (a >> 2)));
    }
};

// Every vertex of the border and coast lines gets an id (the same point on several lines, a
// junction, shares one); ring vertices find theirs once, and each level keeps a flag per id.
struct LineVertices {
    std::unordered_map<Vec2, unsigned, PointHash> id;
    std::vector<std::vector<unsigned>> ids_of_line;  // per polyline of the outline layers
};

// Segments of the lines, sorted into a kCells x kCells grid over `extent` (a counting sort:
// segments keep their order within a cell).
SegmentLayer make_layer(const std::vector<Polyline>& lines, const Box& extent) {
    const double cw = extent.width() / kCells, ch = extent.height() / kCells;
    auto cell_of = [&](Vec2 a, Vec2 b) {
        const Vec2 m = (a + b) * 0.5;
        const int cx = std::clamp(int((m.x - extent.min_x) / cw), 0, kCells - 1);
        const int cy = std::clamp(int((m.y - extent.min_y) / ch), 0, kCells - 1);
        return size_t(cy * kCells + cx);
    };
    std::vector<unsigned> start(size_t(kCells * kCells) + 1, 0);
    for (const auto& l : lines)
        for (size_t i = 0; i + 1 < l.size(); ++i) ++start[cell_of(l[i], l[i + 1]) + 1];
    for (size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
    SegmentLayer layer;
    layer.segments.resize(size_t(start.back()) * 4);
    std::vector<unsigned> fill(start.begin(), start.end() - 1);
    for (const auto& l : lines)
        for (size_t i = 0; i + 1 < l.size(); ++i) {
            float* out = &layer.segments[size_t(fill[cell_of(l[i], l[i + 1])]++) * 4];
            out[0] = float(l[i].x);
            out[1] = float(l[i].y);
            out[2] = float(l[i + 1].x);
            out[3] = float(l[i + 1].y);
        }
    // Each cell's box from the stored (float) coordinates, the ones the GPU will draw.
    for (size_t c = 0; c + 1 < start.size(); ++c) {
        if (start[c + 1] == start[c]) continue;
        SegmentLayer::Cell cell{start[c], start[c + 1] - start[c], {}};
        for (size_t k = size_t(start[c]) * 4; k < size_t(start[c + 1]) * 4; k += 2)
            cell.bounds.add(Vec2{layer.segments[k], layer.segments[k + 1]});
        layer.cells.push_back(cell);
    }
    return layer;
}

// Simplified copies of the lines; when `kept` is given, marks the ids of the vertices kept.
std::vector<Polyline> simplify_all(const std::vector<Polyline>& lines, double tol,
                                   const std::vector<std::vector<unsigned>>* ids, std::vector<bool>* kept) {
    if (tol <= 0) return lines;
    std::vector<Polyline> out;
    out.reserve(lines.size());
    for (size_t l = 0; l < lines.size(); ++l) {
        // An island (a closed line) smaller than the tolerance vanishes at this level; its ring
        // loses every vertex and is dropped with it.
        if (lines[l].size() > 2 && lines[l].front() == lines[l].back()) {
            Box b;
            for (Vec2 v : lines[l]) b.add(v);
            if (std::max(b.width(), b.height()) < 2 * tol) continue;
        }
        const std::vector<bool> keep = simplify_mask(lines[l], tol);
        Polyline s;
        for (size_t i = 0; i < keep.size(); ++i)
            if (keep[i]) {
                s.push_back(lines[l][i]);
                if (kept) (*kept)[(*ids)[l][i]] = true;
            }
        out.push_back(std::move(s));
    }
    return out;
}

// Per ring vertex of a country: its line vertex id, or -1 if it lies on no border or coast line.
using RingIds = std::vector<std::vector<std::vector<int>>>;
RingIds ring_ids(const MultiPolygon& mp, const LineVertices& lv) {
    RingIds out;
    for (const auto& poly : mp) {
        out.emplace_back();
        for (const auto& ring : poly.rings) {
            std::vector<int> ids(ring.size(), -1);
            for (size_t i = 0; i < ring.size(); ++i)
                if (auto it = lv.id.find(ring[i]); it != lv.id.end()) ids[i] = int(it->second);
            out.back().push_back(std::move(ids));
        }
    }
    return out;
}

// The flags of level_shape for one country: a ring vertex stays unless it lies on a border or
// coast line and the level drops it there.
std::vector<bool> ring_flags(const MultiPolygon& mp, const RingIds& ids, const std::vector<bool>& kept) {
    std::vector<bool> out;
    for (size_t pi = 0; pi < mp.size(); ++pi)
        for (size_t ri = 0; ri < mp[pi].rings.size(); ++ri)
            for (size_t i = 0; i < mp[pi].rings[ri].size(); ++i) {
                const int id = ids[pi][ri][i];
                out.push_back(id < 0 || kept[size_t(id)]);
            }
    return out;
}

struct Triangulation {
    std::vector<double> xy;
    std::vector<unsigned> indices;
};

void append(FillMesh& mesh, const Triangulation& t, unsigned feature) {
    const auto base = unsigned(mesh.xy.size() / 2);
    for (double v : t.xy) mesh.xy.push_back(float(v));
    mesh.feature.insert(mesh.feature.end(), t.xy.size() / 2, feature);
    const auto first = unsigned(mesh.indices.size());
    for (unsigned idx : t.indices) mesh.indices.push_back(base + idx);
    mesh.country_ranges.push_back({first, unsigned(t.indices.size())});
}

}  // namespace

std::vector<int> detail_levels(std::optional<double> only_metres_per_px) {
    std::vector<int> wanted;
    for (int k = 0; k <= kCoarseLevels; ++k) {
        const double min_mpp = k == 0 ? 0 : kFirstLevelMetresPerPx * std::pow(kLevelStep, k - 1);
        const double next_mpp = kFirstLevelMetresPerPx * std::pow(kLevelStep, k);
        if (!only_metres_per_px || k == kCoarseLevels ||
            (*only_metres_per_px >= min_mpp && *only_metres_per_px < next_mpp)) {
            wanted.push_back(k);
            if (only_metres_per_px) break;
        }
    }
    return wanted;
}

ProjectedWorld project_world(const World& world, const std::string& projection_id,
                             std::optional<double> only_metres_per_px) {
    ProjectedWorld pw;
    pw.projection = projection_info(projection_id).id;
    // Fill units: the countries, then the control areas (ControlArea).
    const size_t n = world.fill_units();
    auto shape_of = [&world](size_t i) -> const MultiPolygon& {
        return i < world.countries.size() ? world.countries[i].shape : world.areas[i - world.countries.size()].shape;
    };
    pw.countries.resize(n);
    pw.label_shapes.resize(n);
    pw.country_bounds.resize(n);
    const unsigned workers = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
    auto in_parallel = [workers](size_t count, auto&& job) {
        auto work = [&](unsigned w) {
            for (size_t i = w; i < count; i += workers) job(i, w);
        };
        std::vector<std::jthread> pool;
        for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work, w);
        work(0);
    };

    // 1. Project every country and line (PROJ objects are per thread).
    std::vector<std::unique_ptr<Projection>> projs;
    for (unsigned w = 0; w < workers; ++w) projs.push_back(std::make_unique<Projection>(projection_id));
    in_parallel(n, [&](size_t i, unsigned w) {
        pw.countries[i] = project_shape(*projs[w], shape_of(i));
        pw.country_bounds[i] = bounds(pw.countries[i]);
        // 1/2000 of the country's extent keeps label anchors within a pixel at any useful zoom.
        const Box b = pw.country_bounds[i];
        pw.label_shapes[i] = simplify(pw.countries[i], std::max(b.width(), b.height()) / 2000);
    });
    for (const Box& b : pw.country_bounds) pw.bounds.add(b);
    pw.label_poles.resize(world.countries.size());
    in_parallel(world.countries.size(), [&](size_t i, unsigned) {
        pw.label_poles[i] = country_label_pole(pw.label_shapes[i], pw.country_bounds[i]);
    });
    // Lines: every feature of the three layers, projected in parallel, gathered in order.
    std::vector<const std::vector<Polyline>*> sources;
    for (const auto& b : world.boundaries) sources.push_back(&b.lines);
    for (const auto& c : world.coastlines) sources.push_back(&c.lines);
    for (const auto& c : world.province_boundaries) sources.push_back(&c.lines);
    for (const auto& a : world.areas) sources.push_back(&a.edge);
    std::vector<std::vector<Polyline>> projected(sources.size());
    in_parallel(sources.size(), [&](size_t i, unsigned w) { projected[i] = project_lines(*projs[w], *sources[i]); });
    std::vector<Polyline> outline_lines[2], province_lines[2];  // [0] borders, [1] coasts; [0] focus, [1] others
    const size_t first_province = world.boundaries.size() + world.coastlines.size();
    const size_t first_edge = first_province + world.province_boundaries.size();
    std::vector<std::vector<Polyline>> edge_lines(projected.begin() + std::ptrdiff_t(first_edge), projected.end());
    projected.resize(first_edge);
    for (size_t i = 0; i < projected.size(); ++i) {
        auto& target = i < world.boundaries.size()                                              ? outline_lines[0]
                       : i < first_province                                                     ? outline_lines[1]
                       : is_focus_country(world.province_boundaries[i - first_province].iso_a3) ? province_lines[0]
                                                                                                : province_lines[1];
        for (auto& l : projected[i]) target.push_back(std::move(l));
    }
    LineVertices line_vertices;
    auto vertex_ids = [&line_vertices](const std::vector<Polyline>& lines) {
        std::vector<std::vector<unsigned>> out;
        for (const auto& l : lines) {
            std::vector<unsigned> v;
            v.reserve(l.size());
            for (Vec2 p : l) v.push_back(line_vertices.id.emplace(p, unsigned(line_vertices.id.size())).first->second);
            out.push_back(std::move(v));
        }
        return out;
    };
    std::vector<std::vector<unsigned>> ids[2] = {vertex_ids(outline_lines[0]), vertex_ids(outline_lines[1])};
    // An area's edge is a border on some days: its vertices are kept as the borders' are, so the
    // fills on both sides of it meet the line at every level.
    std::vector<std::vector<std::vector<unsigned>>> edge_ids;
    for (const auto& lines : edge_lines) edge_ids.push_back(vertex_ids(lines));

    // 2. One level of detail per scale band (or only the band of `only_metres_per_px`).
    const std::vector<int> wanted = detail_levels(only_metres_per_px);
    const size_t level_count = wanted.size();
    pw.levels.resize(level_count);
    std::vector<std::vector<Triangulation>> tris(level_count, std::vector<Triangulation>(n));
    std::vector<std::vector<bool>> kept(level_count, std::vector<bool>(line_vertices.id.size(), false));
    in_parallel(level_count, [&](size_t li, unsigned) {
        const int k = wanted[li];
        DetailLevel& lv = pw.levels[li];
        lv.min_metres_per_px = k == 0 ? 0 : kFirstLevelMetresPerPx * std::pow(kLevelStep, k - 1);
        lv.tolerance_m = k == 0 ? 0 : lv.min_metres_per_px * kTolerancePx;
        const auto borders = simplify_all(outline_lines[0], lv.tolerance_m, &ids[0], &kept[li]);
        const auto coasts = simplify_all(outline_lines[1], lv.tolerance_m, &ids[1], &kept[li]);
        lv.border_lines = make_layer(borders, pw.bounds);
        lv.coast_lines = make_layer(coasts, pw.bounds);
        // Province edges are thin, light context lines: simplified twice as coarsely.
        lv.province_lines =
            make_layer(simplify_all(province_lines[0], 2 * lv.tolerance_m, nullptr, nullptr), pw.bounds);
        lv.other_province_lines =
            make_layer(simplify_all(province_lines[1], 2 * lv.tolerance_m, nullptr, nullptr), pw.bounds);
        for (size_t a = 0; a < edge_lines.size(); ++a)
            lv.area_edges.push_back(
                make_layer(simplify_all(edge_lines[a], lv.tolerance_m, &edge_ids[a], &kept[li]), pw.bounds));
    });
    // Each coarse level's ring flags (level_shape), then its fills triangulated from those shapes.
    std::vector<std::vector<std::vector<bool>>> flags(level_count, std::vector<std::vector<bool>>(n));
    in_parallel(n, [&](size_t i, unsigned) {
        const RingIds rids = ring_ids(pw.countries[i], line_vertices);
        for (size_t li = 0; li < level_count; ++li)
            if (wanted[li] != 0) flags[li][i] = ring_flags(pw.countries[i], rids, kept[li]);
    });
    pw.ring_vertex_offset.resize(n);
    for (size_t i = 0, total = 0; i < n; ++i) {
        pw.ring_vertex_offset[i] = total;
        for (const auto& poly : pw.countries[i])
            for (const auto& ring : poly.rings) total += ring.size();
    }
    for (size_t li = 0; li < level_count; ++li)
        for (size_t i = 0; i < n; ++i)
            pw.levels[li].ring_kept.insert(pw.levels[li].ring_kept.end(), flags[li][i].begin(), flags[li][i].end());
    in_parallel(n, [&](size_t i, unsigned) {
        for (size_t li = 0; li < level_count; ++li) {
            Triangulation& t = tris[li][i];
            if (pw.levels[li].ring_kept.empty())
                triangulate(pw.countries[i], t.xy, t.indices);
            else
                triangulate(level_shape(pw, pw.levels[li], i), t.xy, t.indices);
        }
    });
    for (size_t li = 0; li < level_count; ++li)
        for (size_t i = 0; i < n; ++i) append(pw.levels[li].fills, tris[li][i], unsigned(i));
    return pw;
}

}  // namespace atlas

namespace atlas {

namespace {

// A polyline's rings as lines (a province or country outline drawn as a line layer).
std::vector<Polyline> outline(const MultiPolygon& mp) {
    std::vector<Polyline> out;
    for (const auto& poly : mp)
        for (const auto& ring : poly.rings) {
            Polyline l(ring.begin(), ring.end());
            if (!l.empty()) l.push_back(l.front());
            out.push_back(std::move(l));
        }
    return out;
}

Vec2 middle_of_longest(const std::vector<Polyline>& lines) {
    const Polyline* best = nullptr;
    for (const auto& l : lines)
        if (!best || l.size() > best->size()) best = &l;
    return best && !best->empty() ? (*best)[best->size() / 2] : Vec2{};
}

// "1,357": the digits copied one by one with a comma before each group of three (built by
// appending, not by insert, which GCC 12 at -O3 misreads as an overlapping copy).
std::string thousands(long v) {
    const std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    if (v < 0) out.push_back('-');
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

// A region's lines simplified for each coarse level (ProjectedRegion::coarse).
std::vector<SegmentLayer> coarse_levels(const std::vector<Polyline>& lines, const Box& extent) {
    std::vector<SegmentLayer> levels;
    double tolerance = kCoarseRegionMetres;
    for (int i = 0; i < kCoarseRegionLevels; ++i, tolerance *= 2) {
        std::vector<Polyline> simplified;
        for (const auto& l : lines) simplified.push_back(simplify(l, tolerance));
        levels.push_back(make_layer(simplified, extent));
    }
    return levels;
}

}  // namespace

ProjectedRegion project_country_outline(const World& world, int country, const std::vector<const ControlArea*>& areas,
                                        const Projection& projection, const Box& extent) {
    const Country& c = world.countries[size_t(country)];
    std::vector<const MultiPolygon*> shapes{&c.shape};
    ProjectedRegion r;
    r.id = "country:" + c.iso_a3;
    r.name = c.name;
    for (const ControlArea* a : areas) {
        r.areas.append(r.areas.empty() ? "" : " ").append(a->id);
        shapes.push_back(&a->shape);
    }
    r.lines = project_lines(projection, outline(shapes.size() == 1 ? *shapes[0] : merged(shapes)));
    r.layer = make_layer(r.lines, extent);
    r.coarse = coarse_levels(r.lines, extent);
    return r;
}

namespace {

// A polygon feature's fill, triangulated in map metres at each level of detail (UserFills). A
// ring with a vertex the projection cannot place (beyond its edge) leaves the feature unfilled:
// its outline still shows it.
void add_user_fill(UserFills& fills, const UserFeature& ft, const Projection& projection) {
    MultiPolygon mp;
    std::vector<std::size_t> starts = ft.polygon_starts;
    if (starts.empty()) starts.push_back(0);
    for (size_t s = 0; s < starts.size(); ++s) {
        const size_t end = s + 1 < starts.size() ? starts[s + 1] : ft.parts.size();
        Polygon poly;
        for (size_t r = starts[s]; r < end && r < ft.parts.size(); ++r) {
            Ring ring;
            ring.reserve(ft.parts[r].size());
            for (Vec2 ll : ft.parts[r]) {
                const Vec2 p = projection.forward(ll);
                if (!finite(p)) return;
                ring.push_back(p);
            }
            if (ring.size() > 1 && ring.front().x == ring.back().x && ring.front().y == ring.back().y) ring.pop_back();
            if (ring.size() >= 3) poly.rings.push_back(std::move(ring));
            else if (r == starts[s]) break;  // no outer ring: nothing of this polygon to fill
        }
        if (!poly.rings.empty()) mp.push_back(std::move(poly));
    }
    fills.levels.resize(1 + kCoarseRegionLevels);
    double tolerance = kCoarseRegionMetres;
    for (size_t level = 0; level < fills.levels.size(); ++level) {
        std::vector<double> xy;
        std::vector<unsigned> indices;
        if (level == 0) {
            triangulate(mp, xy, indices);
        } else {
            triangulate(simplify(mp, tolerance), xy, indices);
            tolerance *= 2;
        }
        UserFillMesh& mesh = fills.levels[level];
        const auto base = unsigned(mesh.xy.size() / 2);
        for (double v : xy) mesh.xy.push_back(float(v));
        for (unsigned i : indices) mesh.indices.push_back(base + i);
    }
}

}  // namespace

ProjectedUserLayer project_user_layer(std::shared_ptr<const UserLayer> layer, const Projection& projection,
                                      Rgba colour) {
    ProjectedUserLayer u;
    u.colour = colour;
    auto region = std::make_shared<ProjectedRegion>();
    region->id = "user:" + layer->id;
    region->name = layer->name;
    const Vec2 none{std::nan(""), std::nan("")};
    UserFills fills;
    for (size_t f = 0; f < layer->features.size(); ++f) {
        const UserFeature& ft = layer->features[f];
        Box fb;
        Vec2 anchor = none;
        if (ft.kind == UserFeature::Kind::Point) {
            for (const auto& part : ft.parts) {
                if (part.empty()) continue;
                const Vec2 p = projection.forward(part.front());
                if (!finite(p)) continue;
                u.points.push_back(p);
                u.point_feature.push_back(int(f));
                fb.add(p);
                if (std::isnan(anchor.x)) anchor = p;
            }
        } else {
            std::vector<Polyline> parts = ft.parts;
            if (ft.kind == UserFeature::Kind::Polygon)
                for (auto& ring : parts)
                    if (!ring.empty() && (ring.front().x != ring.back().x || ring.front().y != ring.back().y))
                        ring.push_back(ring.front());
            double longest = -1;
            for (auto& l : project_lines(projection, parts)) {
                const Box b = bounds(std::vector<Polyline>{l});
                fb.add(b);
                // A line's label on the middle of its longest part; a polygon's on its widest ring's middle.
                double size = b.width() + b.height();
                if (ft.kind == UserFeature::Kind::Line)
                    for (size_t k = 1; k < l.size(); ++k) size += std::hypot(l[k].x - l[k - 1].x, l[k].y - l[k - 1].y);
                if (size > longest) {
                    longest = size;
                    anchor = ft.kind == UserFeature::Kind::Polygon ? b.centre() : middle_of_longest({l});
                }
                u.line_bounds.push_back(b);
                u.line_feature.push_back(int(f));
                region->lines.push_back(std::move(l));
            }
        }
        if (ft.kind == UserFeature::Kind::Polygon) add_user_fill(fills, ft, projection);
        u.anchors.push_back(anchor);
        u.feature_bounds.push_back(fb);
    }
    Box extent = bounds(region->lines);
    for (Vec2 p : u.points) extent.add(p);
    if (!extent.empty()) {  // cells of some size even for a single short line
        extent.add(Vec2{extent.min_x - 1, extent.min_y - 1});
        extent.add(Vec2{extent.max_x + 1, extent.max_y + 1});
    }
    region->layer = make_layer(region->lines, extent);
    region->coarse = coarse_levels(region->lines, extent);
    region->anchor = extent.empty() ? Vec2{0, 0} : extent.centre();
    u.lines = std::move(region);
    if (!fills.levels.empty() && !fills.levels[0].indices.empty())
        u.fills = std::make_shared<const UserFills>(std::move(fills));
    u.source = std::move(layer);
    return u;
}

ProjectedRegion region_of_map_lines(std::string id, std::vector<Polyline> lines) {
    ProjectedRegion r;
    r.id = std::move(id);
    r.lines = std::move(lines);
    Box extent = bounds(r.lines);
    if (!extent.empty()) {  // a line of one point still has cells of some size
        extent.add(Vec2{extent.min_x - 1, extent.min_y - 1});
        extent.add(Vec2{extent.max_x + 1, extent.max_y + 1});
    }
    r.layer = make_layer(r.lines, extent);
    r.anchor = extent.centre();
    return r;
}

MapFeatures project_features(const Facts& facts, const World& world, const std::string& projection_id,
                             const Box& extent) {
    const Projection proj(projection_id);
    MapFeatures mf;
    auto add_region = [&](std::string id, std::string name, std::vector<Polyline> lonlat_lines, bool area_anchor) {
        ProjectedRegion r;
        r.id = std::move(id);
        r.name = std::move(name);
        r.lines = project_lines(proj, lonlat_lines);
        r.layer = make_layer(r.lines, extent);
        r.coarse = coarse_levels(r.lines, extent);
        r.anchor = middle_of_longest(r.lines);
        if (area_anchor) {
            MultiPolygon mp;
            for (const auto& l : r.lines) mp.push_back(Polygon{{Ring(l.begin(), l.end())}});
            const Box b = bounds(mp);
            if (!b.empty()) r.anchor = pole_of_inaccessibility(mp, std::max(b.width(), b.height()) / 100).point;
        }
        mf.region_index[r.id] = int(mf.regions.size());
        mf.regions.push_back(std::move(r));
        return int(mf.regions.size()) - 1;
    };
    auto province = [&](const std::string& id) -> const Province* {
        for (const auto& p : world.provinces)
            if (p.id == id) return &p;
        return nullptr;
    };
    for (const auto& r : facts.regions) {
        std::vector<Polyline> lines;
        for (const auto& m : r.members) {
            if (r.kind == "province") {
                if (const Province* p = province(m)) {
                    auto o = outline(p->shape);
                    lines.insert(lines.end(), o.begin(), o.end());
                }
            } else if (r.kind == "countries") {
                const int c = world.country_index(m);
                if (c >= 0) {
                    auto o = outline(world.countries[size_t(c)].shape);
                    lines.insert(lines.end(), o.begin(), o.end());
                }
            } else {
                const std::string a = m.substr(0, m.find('-')), b = m.substr(m.find('-') + 1);
                for (const auto& bd : world.boundaries)
                    if ((bd.iso_left == a && bd.iso_right == b) || (bd.iso_left == b && bd.iso_right == a))
                        lines.insert(lines.end(), bd.lines.begin(), bd.lines.end());
            }
        }
        const int index = add_region(r.id, r.name, std::move(lines), r.kind == "province");
        if (r.id == "afghanistan-northern-border") mf.northern_border = index;
    }
    // Each neighbour's part of the northern border, labelled with its published length (the
    // generalised line drawn is shorter: it cuts the rivers' meanders), else the line's own.
    try {
        // East to west: Tajikistan's segment, the article's subject, is labelled first.
        auto segments = afghanistan_northern_border(world);
        std::reverse(segments.begin(), segments.end());
        for (const auto& seg : segments) {
            const int c = world.country_index(seg.neighbour);
            const std::string name = c >= 0 ? world.countries[size_t(c)].name : seg.neighbour;
            const auto lines = project_lines(proj, seg.boundary->lines);
            std::string text = name;
            text.append(" ").append(thousands(std::lround(seg.length_km))).append(" km");
            BorderLength b{std::move(text), middle_of_longest(lines), seg.neighbour, name, seg.length_km, 0, ""};
            if (const PublishedLength* p = facts.published_length("AFG", seg.neighbour)) {
                b.published_km = p->km;
                b.source = p->source;
                b.text = name;
                b.text.append(" ").append(thousands(std::lround(p->km))).append(" km (");
                b.text.append(source_name(p->source)).append(")");
            }
            mf.border_lengths.push_back(std::move(b));
        }
    } catch (const DataError&) {
        // A map without those boundaries (a test fixture) has no lengths to show.
    }
    for (const auto& p : facts.places) {
        ProjectedPlace pp;
        pp.place = &p;
        std::vector<Vec2> one{p.lonlat};
        project_in_place(proj, one);
        pp.xy = one.front();
        if (p.precision == Precision::Area) {
            if (const Province* a = province(p.area))
                pp.area = add_region("area:" + p.id, a->name, outline(a->shape), true);
            else if (world.country_index(p.area) >= 0)
                pp.area = add_region("area:" + p.id, p.area,
                                     outline(world.countries[size_t(world.country_index(p.area))].shape), true);
        }
        mf.places.push_back(pp);
    }
    // Graticules over the map's extent in whole degrees.
    Box ll;
    for (const auto& c : world.countries) ll.add(bounds(c.shape));
    const double west = std::floor(ll.min_x), east = std::ceil(ll.max_x);
    const double south = std::max(-85.0, std::floor(ll.min_y)), north = std::min(85.0, std::ceil(ll.max_y));
    // A vertex every 2 degrees follows the projection's curves to well under a pixel at the scales
    // each graticule is drawn at (the 1-degree one only when zoomed in, where it is short).
    const int steps[3] = {10, 5, 1};
    for (int i = 0; i < 3; ++i) {
        const double d = steps[i];
        std::vector<Polyline> lines;
        auto line = [](Vec2 a, Vec2 b) {
            const int n = std::max(1, int(std::ceil(std::max(std::abs(b.x - a.x), std::abs(b.y - a.y)) / 2.0)));
            Polyline l;
            for (int k = 0; k <= n; ++k) l.push_back(a + (b - a) * (double(k) / n));
            return l;
        };
        for (double lon = std::ceil(west / d) * d; lon <= east; lon += d)
            lines.push_back(line({lon, south}, {lon, north}));
        for (double lat = std::ceil(south / d) * d; lat <= north; lat += d)
            lines.push_back(line({west, lat}, {east, lat}));
        ProjectedRegion r;
        r.id = "graticule:" + std::to_string(steps[i]);
        for (auto& l : lines) {
            project_in_place(proj, l);
            l.erase(std::remove_if(l.begin(), l.end(), [](Vec2 v) { return !finite(v); }), l.end());
            if (l.size() >= 2) r.lines.push_back(std::move(l));
        }
        r.layer = make_layer(r.lines, extent);
        mf.region_index[r.id] = int(mf.regions.size());
        mf.graticule[i] = int(mf.regions.size());
        mf.regions.push_back(std::move(r));
    }
    for (const auto& c : facts.capitals) {
        std::vector<Vec2> one{c.lonlat};
        project_in_place(proj, one);
        mf.capitals.push_back({c.country, c.name, c.from, c.to, one.front()});
    }
    return mf;
}

}  // namespace atlas
