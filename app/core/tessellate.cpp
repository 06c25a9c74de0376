// Ear clipping over circular doubly linked vertex lists. Outer rings are walked counter-clockwise
// and holes clockwise (y up); each hole is joined to the outer ring by a bridge to a vertex it can
// see, then ears (convex corners whose triangle holds no other vertex) are cut off one by one.
// When no ear is left the ring is cleaned (duplicates, collinear points), local
// self-intersections are cut out, and as a last resort the ring is split along a valid diagonal.
#include "tessellate.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace atlas {

namespace {

struct Node {
    double x, y;
    unsigned i;       // vertex index in the output
    int prev, next;   // ring order
    std::uint32_t z;  // z-order key
    int prev_z, next_z;
};

class EarClipper {
public:
    EarClipper(std::vector<unsigned>& out) : out_(out) {}

    void run(const Polygon& poly, unsigned first_index) {
        nodes_.clear();
        size_t total = 0;
        for (const auto& r : poly.rings) total += r.size();
        nodes_.reserve(total + total / 4 + 8);  // bridges and splits add a few copies
        unsigned base = first_index;
        int outer = ring_list(poly.rings[0], base, true);
        base += unsigned(poly.rings[0].size());
        if (outer < 0 || n(outer).next == n(outer).prev) return;
        if (poly.rings.size() > 1) outer = eliminate_holes(poly, base, outer);
        // Hash large rings: the ear test then looks only at vertices near the candidate ear.
        hashed_ = false;
        if (nodes_.size() > 80) {
            min_x_ = min_y_ = std::numeric_limits<double>::infinity();
            double max_x = -min_x_, max_y = -min_y_;
            for (const Node& v : nodes_) {
                min_x_ = std::min(min_x_, v.x);
                min_y_ = std::min(min_y_, v.y);
                max_x = std::max(max_x, v.x);
                max_y = std::max(max_y, v.y);
            }
            const double size = std::max(max_x - min_x_, max_y - min_y_);
            inv_size_ = size > 0 ? 32767.0 / size : 0;
            hashed_ = inv_size_ > 0;
        }
        clip(outer, 0);
    }

private:
    std::vector<Node> nodes_;
    std::vector<unsigned>& out_;
    bool hashed_ = false;
    double min_x_ = 0, min_y_ = 0, inv_size_ = 0;

    Node& n(int k) { return nodes_[size_t(k)]; }

    static double cross(const Node& p, const Node& q, const Node& r) {
        return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    }
    static bool equal(const Node& a, const Node& b) { return a.x == b.x && a.y == b.y; }

    int insert(unsigned i, double x, double y, int last) {
        const int k = int(nodes_.size());
        nodes_.push_back({x, y, i, k, k, 0, -1, -1});
        if (last >= 0) {
            n(k).next = n(last).next;
            n(k).prev = last;
            n(n(last).next).prev = k;
            n(last).next = k;
        }
        return k;
    }

    void remove(int k) {
        Node& v = n(k);
        n(v.next).prev = v.prev;
        n(v.prev).next = v.next;
        if (v.prev_z >= 0) n(v.prev_z).next_z = v.next_z;
        if (v.next_z >= 0) n(v.next_z).prev_z = v.prev_z;
    }

    // Circular list of a ring in the wanted orientation; returns its last node, -1 if empty.
    int ring_list(const Ring& r, unsigned base, bool ccw) {
        int last = -1;
        if (r.size() < 3) return -1;
        if ((signed_area(r) > 0) == ccw) {
            for (size_t k = 0; k < r.size(); ++k) last = insert(base + unsigned(k), r[k].x, r[k].y, last);
        } else {
            for (size_t k = r.size(); k-- > 0;) last = insert(base + unsigned(k), r[k].x, r[k].y, last);
        }
        if (last >= 0 && equal(n(last), n(n(last).next))) {
            const int nx = n(last).next;
            remove(last);
            last = nx;
        }
        return last;
    }

    // Removes repeated and collinear points between start and end; returns a node still in the ring.
    int filter(int start, int end = -1) {
        if (start < 0) return start;
        if (end < 0) end = start;
        int p = start;
        bool again;
        do {
            again = false;
            if (equal(n(p), n(n(p).next)) || cross(n(n(p).prev), n(p), n(n(p).next)) == 0) {
                remove(p);
                p = end = n(p).prev;
                if (p == n(p).next) break;
                again = true;
            } else {
                p = n(p).next;
            }
        } while (again || p != end);
        return end;
    }

    static bool in_triangle(double ax, double ay, double bx, double by, double cx, double cy, double px, double py) {
        const double d1 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
        const double d2 = (cx - bx) * (py - by) - (cy - by) * (px - bx);
        const double d3 = (ax - cx) * (py - cy) - (ay - cy) * (px - cx);
        return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
    }

    bool blocks(const Node& a, const Node& b, const Node& c, const Node& p) {
        // Only vertices other than the ear's own (bridge duplicates share an index) can block it,
        // and a triangle holding any vertex holds a reflex one.
        return p.i != a.i && p.i != b.i && p.i != c.i && in_triangle(a.x, a.y, b.x, b.y, c.x, c.y, p.x, p.y) &&
               cross(n(p.prev), p, n(p.next)) <= 0;
    }

    bool is_ear(int ear) {
        const Node &a = n(n(ear).prev), &b = n(ear), &c = n(n(ear).next);
        if (cross(a, b, c) <= 0) return false;  // reflex or flat
        if (!hashed_) {
            for (int p = c.next; p != b.prev; p = n(p).next)
                if (blocks(a, b, c, n(p))) return false;
            return true;
        }
        const std::uint32_t lo = zkey(std::min({a.x, b.x, c.x}), std::min({a.y, b.y, c.y}));
        const std::uint32_t hi = zkey(std::max({a.x, b.x, c.x}), std::max({a.y, b.y, c.y}));
        for (int p = b.prev_z; p >= 0 && n(p).z >= lo; p = n(p).prev_z)
            if (blocks(a, b, c, n(p))) return false;
        for (int p = b.next_z; p >= 0 && n(p).z <= hi; p = n(p).next_z)
            if (blocks(a, b, c, n(p))) return false;
        return true;
    }

    std::uint32_t zkey(double x, double y) const {
        auto spread = [](std::uint32_t v) {
            v = (v | (v << 8)) & 0x00FF00FF;
            v = (v | (v << 4)) & 0x0F0F0F0F;
            v = (v | (v << 2)) & 0x33333333;
            v = (v | (v << 1)) & 0x55555555;
            return v;
        };
        const auto ix = std::uint32_t(std::clamp((x - min_x_) * inv_size_, 0.0, 32767.0));
        const auto iy = std::uint32_t(std::clamp((y - min_y_) * inv_size_, 0.0, 32767.0));
        return spread(ix) | (spread(iy) << 1);
    }

    void index_curve(int start) {
        std::vector<int> ring;
        int p = start;
        do {
            n(p).z = zkey(n(p).x, n(p).y);
            ring.push_back(p);
            p = n(p).next;
        } while (p != start);
        std::stable_sort(ring.begin(), ring.end(), [&](int a, int b) { return n(a).z < n(b).z; });
        for (size_t k = 0; k < ring.size(); ++k) {
            n(ring[k]).prev_z = k > 0 ? ring[k - 1] : -1;
            n(ring[k]).next_z = k + 1 < ring.size() ? ring[k + 1] : -1;
        }
    }

    void emit(int a, int b, int c) {
        out_.push_back(n(a).i);
        out_.push_back(n(b).i);
        out_.push_back(n(c).i);
    }

    void clip(int ear, int pass) {
        if (ear < 0) return;
        if (pass == 0 && hashed_) index_curve(ear);
        int stop = ear;
        while (n(ear).prev != n(ear).next) {
            const int prev = n(ear).prev, next = n(ear).next;
            if (is_ear(ear)) {
                emit(prev, ear, next);
                remove(ear);
                // Skipping the next vertex gives fewer sliver triangles.
                ear = n(next).next;
                stop = n(next).next;
                continue;
            }
            ear = next;
            if (ear == stop) {
                if (pass == 0) clip(filter(ear), 1);
                else if (pass == 1) clip(cure_local_intersections(filter(ear)), 2);
                else split(ear);
                break;
            }
        }
    }

    static int sign(double v) { return (v > 0) - (v < 0); }
    static bool on_segment(const Node& p, const Node& q, const Node& r) {
        return q.x <= std::max(p.x, r.x) && q.x >= std::min(p.x, r.x) && q.y <= std::max(p.y, r.y) && q.y >= std::min(p.y, r.y);
    }
    static bool intersects(const Node& p1, const Node& q1, const Node& p2, const Node& q2) {
        const int o1 = sign(cross(p1, q1, p2)), o2 = sign(cross(p1, q1, q2));
        const int o3 = sign(cross(p2, q2, p1)), o4 = sign(cross(p2, q2, q1));
        if (o1 != o2 && o3 != o4) return true;
        return (o1 == 0 && on_segment(p1, p2, q1)) || (o2 == 0 && on_segment(p1, q2, q1)) ||
               (o3 == 0 && on_segment(p2, p1, q2)) || (o4 == 0 && on_segment(p2, q1, q2));
    }

    // Is the direction a->b inside the polygon's angle at a?
    bool locally_inside(int ai, int bi) {
        const Node &a = n(ai), &b = n(bi), &pr = n(a.prev), &nx = n(a.next);
        if (cross(pr, a, nx) < 0) return cross(a, nx, b) >= 0 || cross(a, pr, b) <= 0;
        return cross(a, nx, b) > 0 && cross(a, pr, b) < 0;
    }

    bool middle_inside(int ai, int bi) {
        const double mx = (n(ai).x + n(bi).x) / 2, my = (n(ai).y + n(bi).y) / 2;
        bool inside = false;
        int p = ai;
        do {
            const Node &u = n(p), &v = n(u.next);
            if ((u.y > my) != (v.y > my) && v.y != u.y && mx < (v.x - u.x) * (my - u.y) / (v.y - u.y) + u.x) inside = !inside;
            p = u.next;
        } while (p != ai);
        return inside;
    }

    bool crosses_ring(int ai, int bi) {
        int p = ai;
        do {
            const int q = n(p).next;
            if (n(p).i != n(ai).i && n(q).i != n(ai).i && n(p).i != n(bi).i && n(q).i != n(bi).i &&
                intersects(n(p), n(q), n(ai), n(bi)))
                return true;
            p = q;
        } while (p != ai);
        return false;
    }

    bool valid_diagonal(int a, int b) {
        return n(n(a).next).i != n(b).i && n(n(a).prev).i != n(b).i && !crosses_ring(a, b) && locally_inside(a, b) &&
               locally_inside(b, a) && middle_inside(a, b);
    }

    // Joins a and b by two coincident edges, making two rings; returns b's copy in the second.
    int split_ring(int a, int b) {
        const int a2 = insert(n(a).i, n(a).x, n(a).y, -1);
        const int b2 = insert(n(b).i, n(b).x, n(b).y, -1);
        const int an = n(a).next, bp = n(b).prev;
        n(a).next = b;
        n(b).prev = a;
        n(a2).next = an;
        n(an).prev = a2;
        n(b2).next = a2;
        n(a2).prev = b2;
        n(bp).next = b2;
        n(b2).prev = bp;
        return b2;
    }

    int cure_local_intersections(int start) {
        int p = start;
        if (p < 0) return p;
        do {
            const int a = n(p).prev, b = n(n(p).next).next;
            if (!equal(n(a), n(b)) && intersects(n(a), n(p), n(n(p).next), n(b)) && locally_inside(a, b) && locally_inside(b, a)) {
                emit(a, p, b);
                remove(p);
                remove(n(p).next);
                p = start = b;
            }
            p = n(p).next;
        } while (p != start);
        return filter(p);
    }

    void split(int start) {
        int a = start;
        do {
            int b = n(n(a).next).next;
            while (b != n(a).prev) {
                if (n(a).i != n(b).i && valid_diagonal(a, b)) {
                    int c = split_ring(a, b);
                    a = filter(a, n(a).next);
                    c = filter(c, n(c).next);
                    clip(a, 0);
                    clip(c, 0);
                    return;
                }
                b = n(b).next;
            }
            a = n(a).next;
        } while (a != start);
    }

    int eliminate_holes(const Polygon& poly, unsigned base, int outer) {
        std::vector<int> leftmost;
        for (size_t h = 1; h < poly.rings.size(); ++h) {
            const int list = ring_list(poly.rings[h], base, false);
            base += unsigned(poly.rings[h].size());
            if (list < 0) continue;
            int p = list, left = list;
            do {
                if (n(p).x < n(left).x || (n(p).x == n(left).x && n(p).y < n(left).y)) left = p;
                p = n(p).next;
            } while (p != list);
            leftmost.push_back(left);
        }
        std::sort(leftmost.begin(), leftmost.end(), [&](int a, int b) { return n(a).x < n(b).x; });
        for (int hole : leftmost) {
            const int bridge = find_bridge(hole, outer);
            if (bridge < 0) continue;
            const int back = split_ring(bridge, hole);
            filter(back, n(back).next);
            outer = filter(bridge, n(bridge).next);
        }
        return outer;
    }

    // A vertex of the outer ring that the hole's leftmost vertex can see along a ray to the left.
    int find_bridge(int hole, int outer) {
        const Node& h = n(hole);
        double qx = -std::numeric_limits<double>::infinity();
        int m = -1, p = outer;
        do {
            const Node &u = n(p), &v = n(u.next);
            // Edges going down on a counter-clockwise ring face the interior to their left... to the hole's side.
            if (h.y <= u.y && h.y >= v.y && v.y != u.y) {
                const double x = u.x + (h.y - u.y) * (v.x - u.x) / (v.y - u.y);
                if (x <= h.x && x > qx) {
                    qx = x;
                    m = u.x < v.x ? p : u.next;
                    if (x == h.x) return m;  // the hole touches the outer ring
                }
            }
            p = u.next;
        } while (p != outer);
        if (m < 0) return -1;
        // Reflex vertices inside the triangle (hole, ray hit, m) could block the bridge: take the
        // one closest in angle to the ray.
        const int stop = m;
        const double mx = n(m).x, my = n(m).y;
        double best_tan = std::numeric_limits<double>::infinity();
        p = m;
        do {
            const Node& v = n(p);
            if (h.x >= v.x && v.x >= mx && h.x != v.x &&
                in_triangle(h.y < my ? h.x : qx, h.y, mx, my, h.y < my ? qx : h.x, h.y, v.x, v.y)) {
                const double t = std::abs(h.y - v.y) / (h.x - v.x);
                if (locally_inside(p, hole) && (t < best_tan || (t == best_tan && v.x > n(m).x))) {
                    m = p;
                    best_tan = t;
                }
            }
            p = v.next;
        } while (p != stop);
        return m;
    }
};

}  // namespace

void triangulate(const MultiPolygon& mp, std::vector<double>& xy, std::vector<unsigned>& indices) {
    EarClipper clipper(indices);
    for (const auto& poly : mp) {
        if (poly.rings.empty() || poly.rings[0].size() < 3) continue;
        const auto first = unsigned(xy.size() / 2);
        for (const auto& ring : poly.rings)
            for (Vec2 v : ring) {
                xy.push_back(v.x);
                xy.push_back(v.y);
            }
        clipper.run(poly, first);
    }
}

}  // namespace atlas
