// Projection and triangulation of the World into the renderer's meshes.
#include "project.hpp"

#include "core/tessellate.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace atlas {

namespace {

// Splits each edge a->b into ceil(len / step) equal parts; the same edge walked either way
// gives the same points, so shared borders stay identical after densifying.
void densify_edge(Vec2 a, Vec2 b, std::vector<Vec2>& out) {
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    const int n = std::max(1, int(std::ceil(len / kDensifyDegrees)));
    out.push_back(a);
    for (int k = 1; k < n; ++k) {
        const double t = double(k) / n;
        out.push_back({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
    }
}

std::vector<Vec2> densify(const std::vector<Vec2>& pts, bool closed) {
    std::vector<Vec2> out;
    if (pts.empty()) return out;
    out.reserve(pts.size() * 2);
    for (size_t i = 0; i + 1 < pts.size(); ++i) densify_edge(pts[i], pts[i + 1], out);
    if (closed) densify_edge(pts.back(), pts.front(), out);
    else out.push_back(pts.back());
    return out;
}

void project_in_place(const Projection& proj, std::vector<Vec2>& pts) {
    std::vector<double> x(pts.size()), y(pts.size());
    for (size_t i = 0; i < pts.size(); ++i) {
        x[i] = pts[i].x;
        y[i] = pts[i].y;
    }
    proj.forward(x.data(), y.data(), pts.size());
    for (size_t i = 0; i < pts.size(); ++i) pts[i] = {x[i], y[i]};
}

bool finite(Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y) && std::abs(p.x) < 1e12; }

MultiPolygon project_shape(const Projection& proj, const MultiPolygon& mp) {
    MultiPolygon out;
    for (const auto& poly : mp) {
        Polygon p;
        for (const auto& ring : poly.rings) {
            Ring r = densify(ring, true);
            project_in_place(proj, r);
            r.erase(std::remove_if(r.begin(), r.end(), [](Vec2 v) { return !finite(v); }), r.end());
            if (r.size() >= 3) p.rings.push_back(std::move(r));
        }
        if (!p.rings.empty()) out.push_back(std::move(p));
    }
    return out;
}

void add_segments(const Projection& proj, const std::vector<Polyline>& lines, SegmentLayer& layer) {
    for (const auto& l : lines) {
        std::vector<Vec2> pts = densify(l, false);
        project_in_place(proj, pts);
        for (size_t i = 0; i + 1 < pts.size(); ++i) {
            if (!finite(pts[i]) || !finite(pts[i + 1])) continue;
            layer.segments.insert(layer.segments.end(),
                                  {float(pts[i].x), float(pts[i].y), float(pts[i + 1].x), float(pts[i + 1].y)});
        }
    }
}

// Triangles of one country, indices local to `xy`.
struct Triangulation {
    std::vector<double> xy;
    std::vector<unsigned> indices;
};

}  // namespace

ProjectedWorld project_world(const World& world, const std::string& projection_id) {
    ProjectedWorld pw;
    pw.projection = projection_info(projection_id).id;
    const size_t n = world.countries.size();
    pw.countries.resize(n);
    pw.label_shapes.resize(n);
    pw.country_bounds.resize(n);
    std::vector<Triangulation> tris(n);

    // Countries are independent: project and triangulate them on every hardware thread.
    const unsigned workers = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
    auto work = [&](unsigned w) {
        Projection proj(projection_id);  // PROJ objects are per thread
        for (size_t i = w; i < n; i += workers) {
            pw.countries[i] = project_shape(proj, world.countries[i].shape);
            pw.country_bounds[i] = bounds(pw.countries[i]);
            // 1/2000 of the country's extent keeps label anchors within a pixel at any useful zoom.
            const Box b = pw.country_bounds[i];
            pw.label_shapes[i] = simplify(pw.countries[i], std::max(b.width(), b.height()) / 2000);
            triangulate(pw.countries[i], tris[i].xy, tris[i].indices);
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work, w);
        work(0);
    }

    for (size_t i = 0; i < n; ++i) {
        pw.bounds.add(pw.country_bounds[i]);
        const auto base = unsigned(pw.fills.xy.size() / 2);
        for (double v : tris[i].xy) pw.fills.xy.push_back(float(v));
        pw.fills.feature.insert(pw.fills.feature.end(), tris[i].xy.size() / 2, unsigned(i));
        for (unsigned idx : tris[i].indices) pw.fills.indices.push_back(base + idx);
    }

    Projection proj(projection_id);
    for (const auto& b : world.boundaries) {
        pw.boundary_first.push_back(pw.border_lines.count());
        add_segments(proj, b.lines, pw.border_lines);
    }
    for (const auto& c : world.coastlines) add_segments(proj, c.lines, pw.coast_lines);
    for (const auto& c : world.province_boundaries) add_segments(proj, c.lines, pw.province_lines);
    return pw;
}

}  // namespace atlas
