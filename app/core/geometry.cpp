// Geometry helpers over the plain types of geometry.hpp. Pure C++.
#include "geometry.hpp"

namespace atlas {

Box bounds(const MultiPolygon& mp) {
    Box b;
    for (const auto& poly : mp)
        for (const auto& ring : poly.rings)
            for (auto p : ring) b.add(p);
    return b;
}

Box bounds(const std::vector<Polyline>& lines) {
    Box b;
    for (const auto& l : lines)
        for (auto p : l) b.add(p);
    return b;
}

bool contains(const MultiPolygon& mp, Vec2 p) {
    bool inside = false;
    for (const auto& poly : mp) {
        for (const auto& ring : poly.rings) {
            const size_t n = ring.size();
            for (size_t i = 0, j = n - 1; i < n; j = i++) {
                const Vec2 a = ring[i], b = ring[j];
                if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
                    inside = !inside;
            }
        }
    }
    return inside;
}

static double segment_distance_sq(Vec2 p, Vec2 a, Vec2 b) {
    const Vec2 ab = b - a;
    const double len2 = ab.x * ab.x + ab.y * ab.y;
    double t = len2 > 0 ? ((p.x - a.x) * ab.x + (p.y - a.y) * ab.y) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const Vec2 q = a + ab * t;
    return (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y);
}

double distance_to_edges(const MultiPolygon& mp, Vec2 p) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& poly : mp)
        for (const auto& ring : poly.rings) {
            const size_t n = ring.size();
            for (size_t i = 0, j = n - 1; i < n; j = i++)
                best = std::min(best, segment_distance_sq(p, ring[j], ring[i]));
        }
    return std::sqrt(best);
}

double signed_area(const Ring& r) {
    double s = 0;
    const size_t n = r.size();
    for (size_t i = 0, j = n - 1; i < n; j = i++) s += (r[j].x * r[i].y - r[i].x * r[j].y);
    return s / 2;
}

double area(const MultiPolygon& mp) {
    double a = 0;
    for (const auto& poly : mp)
        for (size_t i = 0; i < poly.rings.size(); ++i)
            a += (i == 0 ? 1 : -1) * std::abs(signed_area(poly.rings[i]));
    return a;
}

namespace {
// One Sutherland-Hodgman pass against the half-plane "inside(p)".
template <class Inside, class Cross>
Ring clip_pass(const Ring& in, Inside inside, Cross cross) {
    Ring out;
    const size_t n = in.size();
    if (n == 0) return out;
    out.reserve(n + 4);
    for (size_t i = 0; i < n; ++i) {
        const Vec2 cur = in[i], prev = in[(i + n - 1) % n];
        const bool ci = inside(cur), pi = inside(prev);
        if (ci) {
            if (!pi) out.push_back(cross(prev, cur));
            out.push_back(cur);
        } else if (pi) {
            out.push_back(cross(prev, cur));
        }
    }
    return out;
}

Ring clip_ring(const Ring& r, const Box& b) {
    auto x_at = [](Vec2 a, Vec2 c, double x) { return Vec2{x, a.y + (c.y - a.y) * (x - a.x) / (c.x - a.x)}; };
    auto y_at = [](Vec2 a, Vec2 c, double y) { return Vec2{a.x + (c.x - a.x) * (y - a.y) / (c.y - a.y), y}; };
    Ring o = clip_pass(r, [&](Vec2 p) { return p.x >= b.min_x; }, [&](Vec2 a, Vec2 c) { return x_at(a, c, b.min_x); });
    o = clip_pass(o, [&](Vec2 p) { return p.x <= b.max_x; }, [&](Vec2 a, Vec2 c) { return x_at(a, c, b.max_x); });
    o = clip_pass(o, [&](Vec2 p) { return p.y >= b.min_y; }, [&](Vec2 a, Vec2 c) { return y_at(a, c, b.min_y); });
    o = clip_pass(o, [&](Vec2 p) { return p.y <= b.max_y; }, [&](Vec2 a, Vec2 c) { return y_at(a, c, b.max_y); });
    return o;
}

void simplify_range(const Ring& r, size_t a, size_t b, double tol2, std::vector<bool>& keep) {
    if (b <= a + 1) return;
    double best = -1;
    size_t idx = a;
    for (size_t i = a + 1; i < b; ++i) {
        const double d = segment_distance_sq(r[i], r[a], r[b]);
        if (d > best) {
            best = d;
            idx = i;
        }
    }
    if (best > tol2) {
        keep[idx] = true;
        simplify_range(r, a, idx, tol2, keep);
        simplify_range(r, idx, b, tol2, keep);
    }
}
}  // namespace

MultiPolygon clip(const MultiPolygon& mp, const Box& box) {
    MultiPolygon out;
    for (const auto& poly : mp) {
        Polygon p;
        for (size_t i = 0; i < poly.rings.size(); ++i) {
            Ring r = clip_ring(poly.rings[i], box);
            if (r.size() >= 3) {
                p.rings.push_back(std::move(r));
            } else if (i == 0) {
                break;  // outer ring gone: holes cannot matter
            }
        }
        if (!p.rings.empty()) out.push_back(std::move(p));
    }
    return out;
}

MultiPolygon simplify(const MultiPolygon& mp, double tol) {
    MultiPolygon out;
    const double tol2 = tol * tol;
    for (const auto& poly : mp) {
        Polygon p;
        for (size_t i = 0; i < poly.rings.size(); ++i) {
            const Ring& r = poly.rings[i];
            if (r.size() < 4) {
                if (r.size() == 3) p.rings.push_back(r);
                continue;
            }
            // Split the closed ring at its first vertex and the vertex farthest from it.
            size_t far = 0;
            double far_d = -1;
            for (size_t k = 1; k < r.size(); ++k) {
                const Vec2 d = r[k] - r[0];
                const double dd = d.x * d.x + d.y * d.y;
                if (dd > far_d) {
                    far_d = dd;
                    far = k;
                }
            }
            Ring closed = r;
            closed.push_back(r[0]);
            std::vector<bool> keep(closed.size(), false);
            keep[0] = keep[far] = keep[closed.size() - 1] = true;
            simplify_range(closed, 0, far, tol2, keep);
            simplify_range(closed, far, closed.size() - 1, tol2, keep);
            Ring s;
            for (size_t k = 0; k + 1 < closed.size(); ++k)
                if (keep[k]) s.push_back(closed[k]);
            if (s.size() >= 3) p.rings.push_back(std::move(s));
            else if (i == 0) break;
        }
        if (!p.rings.empty()) out.push_back(std::move(p));
    }
    return out;
}

std::vector<bool> simplify_mask(const Polyline& line, double tol) {
    std::vector<bool> keep(line.size(), line.size() < 3);
    if (line.size() < 3) return keep;
    keep.front() = keep.back() = true;
    simplify_range(line, 0, line.size() - 1, tol * tol, keep);
    return keep;
}

Polyline simplify(const Polyline& line, double tol) {
    if (line.size() < 3) return line;
    const std::vector<bool> keep = simplify_mask(line, tol);
    Polyline out;
    for (size_t k = 0; k < line.size(); ++k)
        if (keep[k]) out.push_back(line[k]);
    return out;
}

}  // namespace atlas
