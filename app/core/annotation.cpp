// Annotations: the text encoding, sphere maths for circles, shapes on screen and the drawing tool.
// Pure C++.
#include "annotation.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace atlas {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius
constexpr double kDegree = M_PI / 180.0;
constexpr double kDegreeStep = 1e-4;  // written to 4 decimals: about 11 m, under a pixel at the closest zoom (50 m)
constexpr double kKmStep = 0.01;      // radii to 10 m, for the same reason
constexpr double kMinRadiusKm = kKmStep;
constexpr double kMaxRadiusKm = 20000;  // about half the Earth's circumference
constexpr float kMinWidthPx = 1, kMaxWidthPx = 40;  // hairline to a marker pen on a 4K screen
constexpr int kRingPoints = 72;  // 5 degrees apart: a ring of 300 px strays under 0.3 px from a true circle
constexpr double kHeadPerWidth = 4.0;     // an arrow's head is four line widths long ...
constexpr double kHeadHalfPerLength = 0.5;  // ... and as wide as it is long
constexpr double kShaftInHead = 0.7;  // the shaft stops inside the head so its square end never shows at the tip

bool finite(Vec2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }
double length(Vec2 v) { return std::hypot(v.x, v.y); }

// `v` rounded to a multiple of `step`, in the shortest text that reads back as that value.
std::string number_text(double v, double step) {
    const double per_unit = std::round(1 / step);
    double r = std::round(v * per_unit) / per_unit;  // one correctly rounded division: 74.85, the same as read
    if (r == 0) r = 0;                               // no "-0"
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, r);
    return std::string(buf, res.ptr);
}

std::string colour_text(Rgba c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

std::optional<double> parse_number(std::string_view s) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<Rgba> parse_colour(std::string_view s) {
    if (s.size() != 7 || s[0] != '#') return std::nullopt;
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(s.data() + 1, s.data() + 7, v, 16);
    if (ec != std::errc{} || end != s.data() + 7) return std::nullopt;
    return Rgba{std::uint8_t(v >> 16), std::uint8_t((v >> 8) & 0xff), std::uint8_t(v & 0xff), 255};
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

struct Token {
    std::string text;
    bool quoted = false;
};

// The shapes' tokens: words, and double-quoted texts (with \" and \\ inside), split at ";".
// Returns false with `error` set if a quote is left open.
bool tokenize(std::string_view s, std::vector<std::vector<Token>>& shapes, std::string& error) {
    shapes.assign(1, {});
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t') {
            ++i;
        } else if (c == ';') {
            shapes.emplace_back();
            ++i;
        } else if (c == '"') {
            Token t{"", true};
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) {
                    t.text += s[i + 1];
                    i += 2;
                } else if (s[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                } else {
                    t.text += s[i++];
                }
            }
            if (!closed) {
                error = "shape " + std::to_string(shapes.size()) + ": a quoted text is not closed";
                return false;
            }
            shapes.back().push_back(std::move(t));
        } else {
            Token t;
            while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != ';' && s[i] != '"') t.text += s[i++];
            shapes.back().push_back(std::move(t));
        }
    }
    return true;
}

// One shape from its tokens; `error` set and nothing returned if they are wrong.
std::optional<Shape> parse_shape(const std::vector<Token>& tokens, size_t number, std::string& error) {
    const std::string& word = tokens.front().text;
    Shape shape;
    if (word == "freehand" && !tokens.front().quoted) shape.kind = ShapeKind::Freehand;
    else if (word == "arrow" && !tokens.front().quoted) shape.kind = ShapeKind::Arrow;
    else if (word == "circle" && !tokens.front().quoted) shape.kind = ShapeKind::Circle;
    else if (word == "text" && !tokens.front().quoted) shape.kind = ShapeKind::Text;
    else {
        error = "shape " + std::to_string(number) + ": unknown kind '" + word + "' (freehand, arrow, circle or text)";
        return std::nullopt;
    }
    const std::string at = "shape " + std::to_string(number) + " (" + word + "): ";
    auto fail = [&](const std::string& message) {
        error = at + message;
        return std::nullopt;
    };
    // The numbers after the kind, as lon/lat pairs (as many as the kind takes).
    const size_t wanted = shape.kind == ShapeKind::Arrow ? 4 : 2;
    const size_t most = shape.kind == ShapeKind::Freehand ? tokens.size() : wanted;
    size_t i = 1;
    std::vector<double> numbers;
    for (; i < tokens.size() && !tokens[i].quoted && numbers.size() < most; ++i) {
        const auto v = parse_number(tokens[i].text);
        if (!v) break;
        numbers.push_back(*v);
    }
    const char* usage = shape.kind == ShapeKind::Freehand ? "freehand LON LAT LON LAT ..."
                        : shape.kind == ShapeKind::Arrow  ? "arrow LON LAT LON LAT"
                        : shape.kind == ShapeKind::Circle ? "circle LON LAT 30km"
                                                          : "text LON LAT \"words\"";
    const bool count_ok = shape.kind == ShapeKind::Freehand ? numbers.size() >= 4 && numbers.size() % 2 == 0
                                                            : numbers.size() == wanted;
    if (!count_ok)
        return fail(std::to_string(numbers.size()) + " numbers where " +
                    (shape.kind == ShapeKind::Freehand ? std::string("an even count, at least 4,")
                                                       : std::to_string(wanted)) +
                    " are needed (" + usage + ")");
    for (size_t k = 0; k < numbers.size(); k += 2) {
        if (std::abs(numbers[k]) > 180) return fail("longitude " + tokens[1 + k].text + " is outside -180 to 180");
        if (std::abs(numbers[k + 1]) > 90) return fail("latitude " + tokens[2 + k].text + " is outside -90 to 90");
        shape.points.push_back({numbers[k], numbers[k + 1]});
    }
    if (shape.kind == ShapeKind::Circle) {
        const std::string r = i < tokens.size() && !tokens[i].quoted ? tokens[i].text : "";
        const auto km = ends_with(r, "km") ? parse_number(std::string_view(r).substr(0, r.size() - 2)) : std::nullopt;
        if (!km || *km < kMinRadiusKm || *km > kMaxRadiusKm)
            return fail("radius '" + r + "' is not a distance from " + number_text(kMinRadiusKm, kKmStep) + "km to " +
                        number_text(kMaxRadiusKm, kKmStep) + "km (" + usage + ")");
        shape.radius_km = *km;
        ++i;
    }
    if (shape.kind == ShapeKind::Text) {
        if (i >= tokens.size() || !tokens[i].quoted) return fail(std::string("the words must follow in double quotes (") + usage + ")");
        if (tokens[i].text.empty()) return fail("the text is empty");
        shape.text = tokens[i].text;
        ++i;
    }
    for (; i < tokens.size(); ++i) {
        const std::string& t = tokens[i].text;
        if (!tokens[i].quoted && t.size() > 2 && ends_with(t, "px")) {
            const auto w = parse_number(std::string_view(t).substr(0, t.size() - 2));
            if (!w || *w < kMinWidthPx || *w > kMaxWidthPx)
                return fail("width '" + t + "' is not from 1px to 40px");
            shape.width_px = float(*w);
        } else if (const auto c = tokens[i].quoted ? std::nullopt : parse_colour(t)) {
            shape.colour = *c;
        } else {
            return fail("unexpected '" + t + "' (a colour such as #ffd400 or a width such as 8px may follow)");
        }
    }
    return shape;
}

// Splits a projected line at the points the projection cannot show.
std::vector<Polyline> pieces(const std::vector<Vec2>& px) {
    std::vector<Polyline> out(1);
    for (Vec2 p : px) {
        if (finite(p)) out.back().push_back(p);
        else if (!out.back().empty()) out.emplace_back();
    }
    std::erase_if(out, [](const Polyline& l) { return l.size() < 2; });
    return out;
}

}  // namespace

const char* shape_kind_name(ShapeKind kind) {
    switch (kind) {
        case ShapeKind::Freehand:
            return "freehand";
        case ShapeKind::Arrow:
            return "arrow";
        case ShapeKind::Circle:
            return "circle";
        case ShapeKind::Text:
            return "text";
    }
    return "?";
}

const std::vector<Rgba>& annotation_colours() {
    static const std::vector<Rgba> colours{{230, 20, 30, 255}, {255, 212, 0, 255}, {255, 255, 255, 255}};
    return colours;
}

std::string format_annotations(const Annotations& annotations) {
    std::string out;
    auto word = [&](const std::string& w) {  // appended piece by piece (GCC 12 warns wrongly on " " + w at -O3)
        out += ' ';
        out += w;
    };
    const Shape defaults;
    for (const Shape& s : annotations.shapes) {
        if (!out.empty()) out += "; ";
        out += shape_kind_name(s.kind);
        for (Vec2 p : s.points) {
            word(number_text(p.x, kDegreeStep));
            word(number_text(p.y, kDegreeStep));
        }
        if (s.kind == ShapeKind::Circle) word(number_text(s.radius_km, kKmStep) + "km");
        if (s.kind == ShapeKind::Text) {
            out += " \"";
            for (char c : s.text) {
                if (c == '"' || c == '\\') out += '\\';
                out += c;
            }
            out += '"';
        }
        if (!(s.colour == defaults.colour)) word(colour_text(s.colour));
        if (s.width_px != defaults.width_px) word(number_text(s.width_px, 0.1) + "px");
    }
    return out;
}

std::optional<Annotations> parse_annotations(std::string_view text, std::string& error) {
    std::vector<std::vector<Token>> tokens;
    if (!tokenize(text, tokens, error)) return std::nullopt;
    Annotations out;
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].empty()) continue;  // nothing between two ";" (or after the last)
        auto shape = parse_shape(tokens[i], i + 1, error);
        if (!shape) return std::nullopt;
        out.shapes.push_back(std::move(*shape));
    }
    return out;
}

double sphere_distance_km(Vec2 from, Vec2 to) {
    const double p1 = from.y * kDegree, p2 = to.y * kDegree;
    const double dp = p2 - p1, dl = (to.x - from.x) * kDegree;
    const double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
    return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

Vec2 sphere_destination(Vec2 from, double bearing_deg, double km) {
    const double d = km / kEarthRadiusKm, b = bearing_deg * kDegree;
    const double p1 = from.y * kDegree, l1 = from.x * kDegree;
    const double p2 = std::asin(std::sin(p1) * std::cos(d) + std::cos(p1) * std::sin(d) * std::cos(b));
    const double l2 = l1 + std::atan2(std::sin(b) * std::sin(d) * std::cos(p1), std::cos(d) - std::sin(p1) * std::sin(p2));
    double lon = l2 / kDegree;
    lon = std::remainder(lon, 360.0);  // back into -180 to 180
    return {lon, p2 / kDegree};
}

ScreenShape shape_on_screen(const Shape& shape, const Camera& camera, const LonLatToMap& project, float pixel_scale) {
    ScreenShape s;
    s.kind = shape.kind;
    s.text = shape.text;
    s.colour = shape.colour;
    s.width_px = shape.width_px * pixel_scale;
    s.text_px = shape.width_px * kAnnotationTextPerWidth * pixel_scale;
    const Vec2 nowhere{std::nan(""), std::nan("")};
    auto px = [&](Vec2 lonlat) {
        const Vec2 m = project(lonlat);
        return finite(m) ? camera.to_screen(m) : nowhere;
    };
    switch (shape.kind) {
        case ShapeKind::Freehand: {
            std::vector<Vec2> line;
            for (Vec2 p : shape.points) line.push_back(px(p));
            s.lines = pieces(line);
            break;
        }
        case ShapeKind::Arrow: {
            if (shape.points.size() < 2) break;
            const Vec2 tail = px(shape.points[0]), tip = px(shape.points[1]);
            if (!finite(tail) || !finite(tip)) break;
            const Vec2 d = tip - tail;
            const double len = length(d);
            if (len <= 0) break;
            const Vec2 u = d * (1 / len), n{-u.y, u.x};
            // A short arrow (zoomed out far) keeps a head smaller than itself.
            const double head = std::min(kHeadPerWidth * s.width_px, 0.6 * len);
            const Vec2 base = tip - u * head;
            s.lines.push_back({tail, tip - u * (head * kShaftInHead)});
            s.lines.push_back({base + n * (head * kHeadHalfPerLength), tip, base - n * (head * kHeadHalfPerLength)});
            s.anchor_px = tip;
            break;
        }
        case ShapeKind::Circle: {
            if (shape.points.empty()) break;
            s.anchor_px = px(shape.points[0]);
            if (!finite(s.anchor_px)) break;
            std::vector<Vec2> ring;
            double sum = 0;
            int n = 0;
            for (int k = 0; k <= kRingPoints; ++k) {
                const Vec2 p = px(sphere_destination(shape.points[0], 360.0 * k / kRingPoints, shape.radius_km));
                ring.push_back(p);
                if (finite(p) && k < kRingPoints) {
                    sum += length(p - s.anchor_px);
                    ++n;
                }
            }
            s.lines = pieces(ring);
            s.radius_px = n ? sum / n : 0;
            break;
        }
        case ShapeKind::Text:
            if (!shape.points.empty()) s.anchor_px = px(shape.points[0]);
            break;
    }
    return s;
}

std::vector<ScreenShape> annotations_on_screen(const Annotations& annotations, const Camera& camera,
                                               const LonLatToMap& project, float pixel_scale) {
    std::vector<ScreenShape> out;
    for (const Shape& shape : annotations.shapes) {
        ScreenShape s = shape_on_screen(shape, camera, project, pixel_scale);
        const bool placed = shape.kind == ShapeKind::Text ? finite(s.anchor_px) && !s.text.empty() : !s.lines.empty();
        if (placed) out.push_back(std::move(s));
    }
    return out;
}

void AnnotationEditor::set_tool(ShapeKind tool) {
    cancel();
    tool_ = tool;
}

std::optional<Shape> AnnotationEditor::press(Vec2 screen, Vec2 lonlat) {
    std::optional<Shape> done = finish_text();
    cancel();
    if (!finite(lonlat)) return done;
    pending_ = Shape{tool_, {lonlat}, 0, "", colour, width_px};
    press_at_ = screen;
    screen_ = {screen};
    typing_ = tool_ == ShapeKind::Text;
    return done;
}

void AnnotationEditor::drag(Vec2 screen, Vec2 lonlat) {
    if (!pending_ || typing_ || !finite(lonlat)) return;
    Shape& s = *pending_;
    switch (s.kind) {
        case ShapeKind::Freehand:
            if (length(screen - screen_.back()) >= kMinStep) {
                s.points.push_back(lonlat);
                screen_.push_back(screen);
            }
            break;
        case ShapeKind::Arrow:
            s.points.resize(1);
            s.points.push_back(lonlat);
            break;
        case ShapeKind::Circle:
            s.radius_km = sphere_distance_km(s.points.front(), lonlat);
            break;
        case ShapeKind::Text:
            break;
    }
}

std::optional<Shape> AnnotationEditor::release(Vec2 screen, Vec2 lonlat) {
    if (!pending_ || typing_) return std::nullopt;
    drag(screen, lonlat);
    Shape s = std::move(*pending_);
    std::vector<Vec2> on_screen = std::move(screen_);
    cancel();
    if (s.kind == ShapeKind::Freehand) {
        if (finite(lonlat) && length(screen - on_screen.back()) > 0) {  // the stroke ends where the pointer rose
            s.points.push_back(lonlat);
            on_screen.push_back(screen);
        }
        double travelled = 0;
        for (size_t i = 1; i < on_screen.size(); ++i) travelled += length(on_screen[i] - on_screen[i - 1]);
        if (travelled < kMinDrag) return std::nullopt;
        const std::vector<bool> keep = simplify_mask(on_screen, kSimplify);
        std::vector<Vec2> kept;
        for (size_t i = 0; i < s.points.size(); ++i)
            if (keep[i]) kept.push_back(s.points[i]);
        s.points = std::move(kept);
        return s;
    }
    if (length(screen - press_at_) < kMinDrag) return std::nullopt;
    if (s.kind == ShapeKind::Arrow && s.points.size() < 2) return std::nullopt;
    if (s.kind == ShapeKind::Circle && s.radius_km <= 0) return std::nullopt;
    return s;
}

void AnnotationEditor::type(std::string_view utf8) {
    if (!typing_) return;
    for (char c : utf8)
        if (static_cast<unsigned char>(c) >= 0x20) pending_->text += c;  // one line: no control characters
}

void AnnotationEditor::erase() {
    if (!typing_) return;
    std::string& t = pending_->text;
    // Drop the last character: its UTF-8 continuation bytes (10xxxxxx), then its first byte.
    while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
    if (!t.empty()) t.pop_back();
}

std::optional<Shape> AnnotationEditor::finish_text() {
    if (!typing_ || !pending_) return std::nullopt;
    Shape s = std::move(*pending_);
    cancel();
    if (s.text.find_first_not_of(' ') == std::string::npos) return std::nullopt;
    return s;
}

void AnnotationEditor::cancel() {
    pending_.reset();
    screen_.clear();
    typing_ = false;
}

bool AnnotationEditor::undo(Annotations& set) {
    if (pending_) {
        cancel();
        return true;
    }
    if (set.shapes.empty()) return false;
    set.shapes.pop_back();
    return true;
}

}  // namespace atlas
