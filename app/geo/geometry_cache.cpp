// The geometry cache's file: a header line, the key, the World and the ProjectedWorld as
// length-prefixed arrays of their plain values (native byte order: the file never leaves the
// machine), and an Adler-32 of everything before it.
#include "geometry_cache.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <vector>

#include "checksum.hpp"
#include "facts_load.hpp"
#include "load.hpp"
#include "project.hpp"
#include "raster.hpp"

namespace atlas {

namespace {

// The first bytes of every cache file; the number changes whenever the layout below does.
constexpr char kMagic[] = "ca-atlas geometry cache 2\n";  // 2: with the label poles

// Writes into a file descriptor through a buffer of its own, keeping the Adler-32 of what it wrote:
// the file is never held whole in memory (whose pages, fresh, cost more than the writing).
class Out {
public:
    explicit Out(int fd) : fd_(fd), buffer_(kBuffer) {}

    template <class T>
    void value(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        put(&v, sizeof v);
    }
    void text(const std::string& s) {
        value<std::uint64_t>(s.size());
        put(s.data(), s.size());
    }
    template <class T>
    void array(const std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        value<std::uint64_t>(v.size());
        put(v.data(), v.size() * sizeof(T));
    }
    void flags(const std::vector<bool>& v) {
        value<std::uint64_t>(v.size());
        for (bool b : v) value<char>(b ? 1 : 0);
    }
    template <class T, class F>
    void each(const std::vector<T>& v, F&& f) {
        value<std::uint64_t>(v.size());
        for (const T& x : v) f(x);
    }
    void raw(const void* p, size_t n) { put(p, n); }
    // Writes the checksum of everything before it and what is buffered; false if any write failed.
    bool finish() {
        adler_ = adler32(adler_, reinterpret_cast<const Bytef*>(buffer_.data()), uInt(used_));
        const std::uint32_t sum = std::uint32_t(adler_);
        write_out();
        std::memcpy(buffer_.data(), &sum, sizeof sum);
        used_ = sizeof sum;
        write_out();
        return ok_;
    }

private:
    static constexpr size_t kBuffer = size_t(1) << 20;  // 1 MiB: few system calls, little memory
    int fd_;
    bool ok_ = true;
    uLong adler_ = adler32(0, nullptr, 0);
    std::vector<char> buffer_;
    size_t used_ = 0;

    void put(const void* p, size_t n) {
        const char* c = static_cast<const char*>(p);
        while (n > 0) {
            const size_t step = std::min(n, kBuffer - used_);
            std::memcpy(buffer_.data() + used_, c, step);
            used_ += step;
            c += step;
            n -= step;
            if (used_ == kBuffer) {
                adler_ = adler32(adler_, reinterpret_cast<const Bytef*>(buffer_.data()), uInt(used_));
                write_out();
            }
        }
    }
    void write_out() {
        size_t done = 0;
        while (ok_ && done < used_) {
            const ssize_t n = ::write(fd_, buffer_.data() + done, used_ - done);
            if (n <= 0)
                ok_ = false;
            else
                done += size_t(n);
        }
        used_ = 0;
    }
};

// Reads what Out wrote; any read past the end, or a count larger than what is left, marks the
// input bad and yields empty values from then on.
class In {
public:
    In(const char* p, const char* end) : p_(p), end_(end) {}
    bool ok() const { return ok_; }

    template <class T>
    T value() {
        T v{};
        if (!take(sizeof v)) return v;
        std::memcpy(&v, p_ - sizeof v, sizeof v);
        return v;
    }
    std::string text() {
        const auto n = count(1);
        if (!take(n)) return {};
        return std::string(p_ - n, n);
    }
    template <class T>
    std::vector<T> array() {
        const auto n = count(sizeof(T));
        std::vector<T> v(n);
        if (take(n * sizeof(T)) && n > 0) std::memcpy(v.data(), p_ - n * sizeof(T), n * sizeof(T));
        return v;
    }
    std::vector<bool> flags() {
        const auto n = count(1);
        std::vector<bool> v(n);
        if (!take(n)) return {};
        for (size_t i = 0; i < n; ++i) v[i] = p_[std::ptrdiff_t(i) - std::ptrdiff_t(n)] != 0;
        return v;
    }
    template <class T, class F>
    std::vector<T> each(F&& f) {
        const auto n = count(1);  // every element takes at least a byte
        std::vector<T> v(n);
        for (T& x : v) {
            if (!ok_) return {};
            f(x);
        }
        return v;
    }

private:
    // A count of elements of `size` bytes each that can still be in the input.
    size_t count(size_t size) {
        const auto n = value<std::uint64_t>();
        if (!ok_ || n > size_t(end_ - p_) / size) {
            ok_ = false;
            return 0;
        }
        return size_t(n);
    }
    bool take(size_t n) {
        if (!ok_ || n > size_t(end_ - p_)) {
            ok_ = false;
            return false;
        }
        p_ += n;
        return true;
    }
    const char* p_;
    const char* end_;
    bool ok_ = true;
};

void put_shape(Out& o, const MultiPolygon& mp) {
    o.each(mp, [&](const Polygon& p) { o.each(p.rings, [&](const Ring& r) { o.array(r); }); });
}
MultiPolygon get_shape(In& in) {
    return in.each<Polygon>([&](Polygon& p) { p.rings = in.each<Ring>([&](Ring& r) { r = in.array<Vec2>(); }); });
}
void put_lines(Out& o, const std::vector<Polyline>& lines) {
    o.each(lines, [&](const Polyline& l) { o.array(l); });
}
std::vector<Polyline> get_lines(In& in) {
    return in.each<Polyline>([&](Polyline& l) { l = in.array<Vec2>(); });
}
void put_country_lines(Out& o, const std::vector<CountryLines>& v) {
    o.each(v, [&](const CountryLines& c) {
        o.text(c.iso_a3);
        put_lines(o, c.lines);
    });
}
std::vector<CountryLines> get_country_lines(In& in) {
    return in.each<CountryLines>([&](CountryLines& c) {
        c.iso_a3 = in.text();
        c.lines = get_lines(in);
    });
}
void put_segments(Out& o, const SegmentLayer& s) {
    o.array(s.segments);
    o.array(s.cells);
}
SegmentLayer get_segments(In& in) {
    SegmentLayer s;
    s.segments = in.array<float>();
    s.cells = in.array<SegmentLayer::Cell>();
    return s;
}

void put_world(Out& o, const World& w) {
    o.each(w.countries, [&](const Country& c) {
        o.text(c.iso_a3);
        o.text(c.name);
        o.text(c.note);
        put_shape(o, c.shape);
    });
    o.each(w.areas, [&](const ControlArea& a) {
        o.text(a.id);
        o.text(a.name);
        o.text(a.holder);
        put_shape(o, a.shape);
        put_lines(o, a.edge);
        o.text(a.edge_with);
    });
    o.each(w.provinces, [&](const Province& p) {
        o.text(p.id);
        o.text(p.name);
        o.text(p.iso_a3);
        put_shape(o, p.shape);
    });
    o.each(w.boundaries, [&](const Boundary& b) {
        o.text(b.iso_left);
        o.text(b.iso_right);
        o.text(b.name);
        put_lines(o, b.lines);
    });
    put_country_lines(o, w.coastlines);
    put_country_lines(o, w.province_boundaries);
}

World get_world(In& in) {
    World w;
    w.countries = in.each<Country>([&](Country& c) {
        c.iso_a3 = in.text();
        c.name = in.text();
        c.note = in.text();
        c.shape = get_shape(in);
    });
    w.areas = in.each<ControlArea>([&](ControlArea& a) {
        a.id = in.text();
        a.name = in.text();
        a.holder = in.text();
        a.shape = get_shape(in);
        a.edge = get_lines(in);
        a.edge_with = in.text();
    });
    w.provinces = in.each<Province>([&](Province& p) {
        p.id = in.text();
        p.name = in.text();
        p.iso_a3 = in.text();
        p.shape = get_shape(in);
    });
    w.boundaries = in.each<Boundary>([&](Boundary& b) {
        b.iso_left = in.text();
        b.iso_right = in.text();
        b.name = in.text();
        b.lines = get_lines(in);
    });
    w.coastlines = get_country_lines(in);
    w.province_boundaries = get_country_lines(in);
    return w;
}

void put_projected(Out& o, const ProjectedWorld& p) {
    o.text(p.projection);
    o.each(p.countries, [&](const MultiPolygon& mp) { put_shape(o, mp); });
    o.each(p.label_shapes, [&](const MultiPolygon& mp) { put_shape(o, mp); });
    o.array(p.country_bounds);
    o.array(p.label_poles);
    o.each(p.levels, [&](const DetailLevel& l) {
        o.value(l.min_metres_per_px);
        o.value(l.tolerance_m);
        o.array(l.fills.xy);
        o.array(l.fills.feature);
        o.array(l.fills.indices);
        o.array(l.fills.country_ranges);
        put_segments(o, l.border_lines);
        put_segments(o, l.coast_lines);
        put_segments(o, l.province_lines);
        put_segments(o, l.other_province_lines);
        o.each(l.area_edges, [&](const SegmentLayer& s) { put_segments(o, s); });
        o.flags(l.ring_kept);
    });
    o.array(p.ring_vertex_offset);
    o.value(p.bounds);
}

ProjectedWorld get_projected(In& in) {
    ProjectedWorld p;
    p.projection = in.text();
    p.countries = in.each<MultiPolygon>([&](MultiPolygon& mp) { mp = get_shape(in); });
    p.label_shapes = in.each<MultiPolygon>([&](MultiPolygon& mp) { mp = get_shape(in); });
    p.country_bounds = in.array<Box>();
    p.label_poles = in.array<Pole>();
    p.levels = in.each<DetailLevel>([&](DetailLevel& l) {
        l.min_metres_per_px = in.value<double>();
        l.tolerance_m = in.value<double>();
        l.fills.xy = in.array<float>();
        l.fills.feature = in.array<unsigned>();
        l.fills.indices = in.array<unsigned>();
        l.fills.country_ranges = in.array<std::array<unsigned, 2>>();
        l.border_lines = get_segments(in);
        l.coast_lines = get_segments(in);
        l.province_lines = get_segments(in);
        l.other_province_lines = get_segments(in);
        l.area_edges = in.each<SegmentLayer>([&](SegmentLayer& s) { s = get_segments(in); });
        l.ring_kept = in.flags();
    });
    p.ring_vertex_offset = in.array<size_t>();
    p.bounds = in.value<Box>();
    return p;
}

std::uint32_t checksum(const char* p, size_t n) {
    uLong a = adler32(0, nullptr, 0);
    while (n > 0) {  // zlib takes at most a uInt at a time
        const uInt step = uInt(std::min<size_t>(n, 1u << 30));
        a = adler32(a, reinterpret_cast<const Bytef*>(p), step);
        p += step;
        n -= step;
    }
    return std::uint32_t(a);
}

// The levels part of a cache file's name: "all", or the one level an export of that scale draws.
std::string levels_tag(std::optional<double> only_metres_per_px) {
    if (!only_metres_per_px) return "all";
    return "level" + std::to_string(detail_levels(only_metres_per_px).front());
}

}  // namespace

std::filesystem::path geometry_cache_folder() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return std::filesystem::path(xdg) / "ca-atlas";
    if (const char* home = std::getenv("HOME"); home && *home == '/')
        return std::filesystem::path(home) / ".cache" / "ca-atlas";
    return {};
}

std::string geometry_key(const std::string& dir) {
    const std::string world = (std::filesystem::path(dir) / kWorldFile).string();
    std::error_code ec;
    // A journal left by an interrupted write makes the map uncertain: load_world says so, each time.
    for (const char* leftover : {"-wal", "-journal"})
        if (std::filesystem::exists(world + leftover, ec)) return {};
    try {
        std::string key = sha256_of_file(world) + "-" +
                          sha256_of_file((std::filesystem::path(dir) / kControlFile).string());
        struct stat self {};
        if (::stat("/proc/self/exe", &self) != 0) return {};
        char program[64];
        std::snprintf(program, sizeof program, "-%lld-%lld.%09ld", static_cast<long long>(self.st_size),
                      static_cast<long long>(self.st_mtim.tv_sec), static_cast<long>(self.st_mtim.tv_nsec));
        return key + program;
    } catch (const std::exception&) {
        return {};
    }
}

std::filesystem::path geometry_cache_file(const std::filesystem::path& folder, const std::string& key,
                                          const std::string& projection_id,
                                          std::optional<double> only_metres_per_px) {
    // The name carries the first 16 hex digits of the data's key (the file holds it whole).
    return folder / (key.substr(0, 16) + "-" + projection_id + "-" + levels_tag(only_metres_per_px) + ".geometry");
}

std::optional<CachedGeometry> read_geometry_cache(const std::filesystem::path& file, const std::string& key) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        ::close(fd);
        return std::nullopt;
    }
    // Mapped with its pages brought in at once: no copy, and one fault instead of one a page.
    const size_t size = size_t(st.st_size);
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (mapped == MAP_FAILED) return std::nullopt;
    struct Unmap {
        void* p;
        size_t n;
        ~Unmap() { ::munmap(p, n); }
    } unmap{mapped, size};
    const char* bytes = static_cast<const char*>(mapped);
    const size_t magic = sizeof kMagic - 1;
    if (size < magic + sizeof(std::uint32_t) || std::memcmp(bytes, kMagic, magic) != 0) return std::nullopt;
    const size_t body = size - sizeof(std::uint32_t);
    std::uint32_t stored = 0;
    std::memcpy(&stored, bytes + body, sizeof stored);
    if (checksum(bytes, body) != stored) return std::nullopt;
    In in(bytes + magic, bytes + body);
    if (in.text() != key || !in.ok()) return std::nullopt;
    CachedGeometry g;
    g.world = get_world(in);
    g.projected = get_projected(in);
    if (!in.ok()) return std::nullopt;
    return g;
}

bool write_geometry_cache(const std::filesystem::path& file, const std::string& key, const World& world,
                          const ProjectedWorld& projected) {
    std::error_code ec;
    const std::filesystem::path folder = file.parent_path();
    std::filesystem::create_directories(folder, ec);
    // Under a temporary name, renamed once whole; not through AtomicFile, whose fsyncs make a
    // user's file survive a power cut: a cache file cut short fails its checksum and is made again.
    // What a writer killed mid-write left (its process gone), then this writer's own name.
    remove_leftovers(folder, file.filename().string() + ".tmp-");
    const std::string tmp = file.string() + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    Out o(fd);
    o.raw(kMagic, sizeof kMagic - 1);
    o.text(key);
    put_world(o, world);
    put_projected(o, projected);
    const bool whole = o.finish();
    if (::close(fd) != 0 || !whole || std::rename(tmp.c_str(), file.c_str()) != 0) {
        std::remove(tmp.c_str());
        return false;
    }
    // The same projection and levels made from other data or by another program are of no more
    // use: the name ends alike and starts with another key.
    const std::string name = file.filename().string(), ending = name.substr(std::min<size_t>(16, name.size()));
    try {
        for (const auto& e : std::filesystem::directory_iterator(folder)) {
            const std::string other = e.path().filename().string();
            if (other != name && other.size() == name.size() && other.compare(16, std::string::npos, ending) == 0)
                std::filesystem::remove(e.path(), ec);
        }
    } catch (const std::filesystem::filesystem_error&) {
        // what is left is only disk space
    }
    return true;
}

}  // namespace atlas
