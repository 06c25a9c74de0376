// libpng writer. Filtering is off: on flat map colours the adaptive filters cost more time than
// they save bytes (see README, Design). libpng reports errors by longjmp, so every libpng call
// sits behind a setjmp in a function that owns no C++ objects. A TIFF's records through GDAL.
#include "raster.hpp"

#include <fcntl.h>
#include <gdal_priv.h>
#include <signal.h>
#include <png.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "load.hpp"

namespace atlas {

namespace {

std::string cannot(const std::string& path, const std::string& why) { return "cannot write '" + path + "': " + why; }

}  // namespace

void remove_leftovers(const std::filesystem::path& dir, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        // The writer's process id follows the prefix; its own suffix may follow that.
        size_t end = prefix.size();
        while (end < name.size() && name[end] >= '0' && name[end] <= '9') ++end;
        if (end == prefix.size() || end - prefix.size() > 9) continue;
        const pid_t pid = pid_t(std::stol(name.substr(prefix.size(), end - prefix.size())));
        if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still running
        std::error_code rm;
        const auto st = entry.symlink_status(rm);
        if (std::filesystem::is_regular_file(st))
            std::filesystem::remove(entry.path(), rm);
        else if (std::filesystem::is_directory(st))
            std::filesystem::remove_all(entry.path(), rm);
    }
}

namespace {

// A unique temporary path beside `path`, created exclusively so the folder is known writable.
std::string make_temp(const std::string& path, const std::string& suffix = "") {
    namespace fs = std::filesystem;
    std::error_code ec;
    // Only a regular file is replaced: a rename over a link would replace the link, and over a
    // device node the node itself.
    const fs::file_status st = fs::symlink_status(path, ec);
    if (fs::is_directory(st)) throw OutputError(cannot(path, "it is a folder"));
    if (fs::is_symlink(st))
        throw OutputError(cannot(path, "it is a symbolic link; the atlas replaces only regular files (name its target)"));
    if (fs::exists(st) && !fs::is_regular_file(st))
        throw OutputError(cannot(path, "it is a device or other special file, not a regular file"));
    const fs::path target(path);
    remove_leftovers(target.has_parent_path() ? target.parent_path() : fs::path("."),
                     target.filename().string() + ".tmp-");
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + suffix;
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) throw OutputError(cannot(path, std::strerror(errno)));
    ::close(fd);
    return tmp;
}

struct ErrorText {
    char text[256] = "PNG encoding failed";
};

extern "C" void png_error_to_text(png_structp png, png_const_charp message) {
    auto* e = static_cast<ErrorText*>(png_get_error_ptr(png));
    std::snprintf(e->text, sizeof e->text, "%s", message);
    png_longjmp(png, 1);
}
extern "C" void png_warning_ignored(png_structp, png_const_charp) {}

}  // namespace

struct PngWriter::Impl {
    std::string path, tmp;
    int width = 0, height = 0, written = 0;
    double dpi = 0;
    bool alpha = false;
    FILE* file = nullptr;
    png_structp png = nullptr;
    png_infop info = nullptr;
    ErrorText error;
    bool done = false;

    // Each returns false with `error` set if libpng failed.
    std::vector<std::pair<std::string, std::string>> text;
    bool start(int zlevel) {
        if (setjmp(png_jmpbuf(png))) return false;
        std::vector<png_text> chunks(text.size());
        for (size_t i = 0; i < text.size(); ++i) {
            // tEXt is Latin-1: a value with any byte past ASCII is UTF-8, which iTXt holds.
            const std::string& value = text[i].second;
            const bool ascii = std::all_of(value.begin(), value.end(), [](char c) { return (unsigned char)c < 0x80; });
            chunks[i].compression = ascii ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
            chunks[i].key = const_cast<char*>(text[i].first.c_str());
            chunks[i].text = const_cast<char*>(value.c_str());
            chunks[i].text_length = value.size();
        }
        if (!chunks.empty()) png_set_text(png, info, chunks.data(), int(chunks.size()));
        if (dpi > 0) {  // pHYs counts pixels per metre: 300 dpi is 11811 px/m
            const auto ppm = png_uint_32(std::lround(dpi / 0.0254));
            png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
        }
        png_init_io(png, file);
        png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), 8,
                     alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                     PNG_FILTER_TYPE_DEFAULT);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
        png_set_compression_level(png, zlevel);
        png_write_info(png, info);
        if (!alpha) png_set_filler(png, 0, PNG_FILLER_AFTER);  // input rows are RGBA: drop the fourth byte
        return true;
    }
    bool rows(const std::uint8_t* rgba, int count) {
        if (setjmp(png_jmpbuf(png))) return false;
        for (int r = 0; r < count; ++r) png_write_row(png, const_cast<png_bytep>(rgba + size_t(r) * size_t(width) * 4));
        return true;
    }
    bool end() {
        if (setjmp(png_jmpbuf(png))) return false;
        png_write_end(png, info);
        return true;
    }
    void discard() {
        if (png) png_destroy_write_struct(&png, &info);
        if (file) std::fclose(file);
        file = nullptr;
        if (!tmp.empty()) std::remove(tmp.c_str());
        tmp.clear();
    }
};

void check_writable(const std::string& path) { std::remove(make_temp(path).c_str()); }

AtomicFile::AtomicFile(const std::string& path, const std::string& suffix)
    : path_(path), tmp_(make_temp(path, suffix)) {}

namespace {
// Makes a rename into `path`'s folder durable; a folder that cannot be synced still holds the file.
void sync_folder_of(const std::string& path) {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}
}  // namespace

AtomicFile::~AtomicFile() {
    if (!tmp_.empty()) std::remove(tmp_.c_str());
}

void AtomicFile::commit() {
    // The bytes reach the disk before the name points at them, and the new name after the rename:
    // a power cut leaves the old file or the new one, never an empty one.
    const int fd = ::open(tmp_.c_str(), O_RDONLY);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    const std::string sync_error = synced ? "" : std::strerror(errno);
    if (fd >= 0) ::close(fd);
    if (!synced) {
        std::remove(tmp_.c_str());
        tmp_.clear();
        throw OutputError(cannot(path_, sync_error));
    }
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(tmp_.c_str());
        tmp_.clear();
        throw OutputError(cannot(path_, why));
    }
    tmp_.clear();
    sync_folder_of(path_);
}

PngWriter::PngWriter(const std::string& path, int width, int height, int zlevel,
                     const std::vector<std::pair<std::string, std::string>>& text, double dpi, bool alpha)
    : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.path = path;
    m.dpi = dpi;
    m.alpha = alpha;
    m.text = text;
    m.width = width;
    m.height = height;
    if (width <= 0 || height <= 0)
        throw OutputError(
            cannot(path, "image size " + std::to_string(width) + "x" + std::to_string(height) + " is not positive"));
    m.tmp = make_temp(path);
    m.file = std::fopen(m.tmp.c_str(), "wb");
    if (!m.file) {
        const std::string why = std::strerror(errno);
        m.discard();
        throw OutputError(cannot(path, why));
    }
    m.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &m.error, png_error_to_text, png_warning_ignored);
    if (m.png) m.info = png_create_info_struct(m.png);
    if (!m.png || !m.info || !m.start(zlevel)) {
        const std::string why = m.error.text;
        m.discard();
        throw OutputError(cannot(path, why));
    }
}

PngWriter::~PngWriter() {
    if (!impl_->done) impl_->discard();
}

void PngWriter::write_rows(const std::uint8_t* rgba, int count) {
    Impl& m = *impl_;
    if (m.done || m.written + count > m.height) throw OutputError(cannot(m.path, "more rows than the image has"));
    if (!m.rows(rgba, count)) {
        const std::string why = m.error.text;
        m.discard();
        m.done = true;
        throw OutputError(cannot(m.path, why));
    }
    m.written += count;
}

void PngWriter::finish() {
    Impl& m = *impl_;
    if (m.done) throw OutputError(cannot(m.path, "the image was already finished or failed"));
    m.done = true;
    std::string why;
    if (m.written != m.height)
        why = "only " + std::to_string(m.written) + " of " + std::to_string(m.height) + " rows";
    else if (!m.end())
        why = m.error.text;
    png_destroy_write_struct(&m.png, &m.info);
    m.png = nullptr;
    const bool flushed = std::fflush(m.file) == 0 && ::fsync(::fileno(m.file)) == 0;
    if (why.empty() && !flushed) why = std::strerror(errno);
    if (std::fclose(m.file) != 0 && why.empty()) why = std::strerror(errno);
    m.file = nullptr;
    if (why.empty() && std::rename(m.tmp.c_str(), m.path.c_str()) != 0) why = std::strerror(errno);
    if (!why.empty()) {
        m.discard();
        throw OutputError(cannot(m.path, why));
    }
    m.tmp.clear();
    sync_folder_of(m.path);
}

void write_png(const std::string& path, const std::uint8_t* rgba, int width, int height, int zlevel) {
    PngWriter w(path, width, height, zlevel);
    w.write_rows(rgba, height);
    w.finish();
}

namespace {
// The chunks before the image data (where png_read_info stops) must fit in the file: libpng takes
// a chunk's length at its word, and a 500-byte file claiming a 2 GB text chunk had it allocate and
// clear 2 GB before it found the file short. Returns "" or what is wrong; leaves `f` after the signature.
std::string check_chunk_lengths(FILE* f) {
    if (std::fseek(f, 0, SEEK_END) != 0) return "cannot read its length";
    const long size = std::ftell(f);
    long at = 8;
    while (at + 12 <= size) {
        unsigned char head[8];
        if (std::fseek(f, at, SEEK_SET) != 0 || std::fread(head, 1, 8, f) != 8) return "cannot be read";
        const std::uint32_t length = png_get_uint_32(head);
        if (length > std::uint32_t(size - at - 12))
            return "the chunk at byte " + std::to_string(at) + " claims " + std::to_string(length) +
                   " bytes, more than the file holds (it is damaged)";
        if (std::memcmp(head + 4, "IDAT", 4) == 0) break;
        at += 12 + long(length);
    }
    std::fseek(f, 8, SEEK_SET);
    return "";
}

// libpng's part of reading the text chunks; false (with error.text set) if libpng failed.
bool read_text_chunks(png_structp png, png_infop info, FILE* f, std::vector<std::pair<std::string, std::string>>& out) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_init_io(png, f);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    png_textp text = nullptr;
    const int n = png_get_text(png, info, &text, nullptr);
    // An iTXt chunk's length is in itxt_length (its text_length is 0), a tEXt or zTXt chunk's in text_length.
    for (int i = 0; i < n; ++i)
        out.emplace_back(text[i].key, std::string(text[i].text, text[i].compression > 0 ? text[i].itxt_length
                                                                                         : text[i].text_length));
    return true;
}
}  // namespace

namespace {
// Opening a pipe or a terminal would wait for a writer that may never come.
void require_regular_file(const std::string& path) {
    std::error_code ec;
    const auto type = std::filesystem::status(path, ec).type();
    if (!ec && type != std::filesystem::file_type::regular)
        throw DataError(path + ": not a file (a folder, a device or a pipe)");
}
}  // namespace

std::vector<std::pair<std::string, std::string>> read_png_text(const std::string& path) {
    require_regular_file(path);
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw DataError(path + ": cannot open (" + std::strerror(errno) + ")");
    unsigned char sig[8] = {};
    if (std::fread(sig, 1, 8, f) != 8 || png_sig_cmp(sig, 0, 8) != 0) {
        std::fclose(f);
        throw DataError(path + ": not a PNG file");
    }
    if (const std::string bad = check_chunk_lengths(f); !bad.empty()) {
        std::fclose(f);
        throw DataError(path + ": " + bad);
    }
    std::vector<std::pair<std::string, std::string>> out;
    ErrorText error;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &error, png_error_to_text, png_warning_ignored);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    const bool ok = png && info && read_text_chunks(png, info, f, out);
    if (png) png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    std::fclose(f);
    if (!ok) throw DataError(path + ": " + error.text);
    return out;
}

namespace {
// The metadata items of a TIFF's default domain (GDAL_METADATA and the TIFF tags GDAL maps to
// items), "KEY=VALUE" split at the first '=' (keys have none; a value may).
std::vector<std::pair<std::string, std::string>> tiff_records(const std::string& path) {
    init_gdal();
    const char* const gtiff_only[] = {"GTiff", nullptr};
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, gtiff_only));
    if (!ds) {
        const std::string why = CPLGetLastErrorMsg();
        throw DataError(path + ": not a readable TIFF file" + (why.empty() ? "" : " (" + why + ")"));
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (CSLConstList item = ds->GetMetadata(); item && *item; ++item) {
        const std::string text = *item;
        const size_t eq = text.find('=');
        if (eq != std::string::npos) out.emplace_back(text.substr(0, eq), text.substr(eq + 1));
    }
    return out;
}
}  // namespace

std::vector<std::pair<std::string, std::string>> read_image_records(const std::string& path) {
    require_regular_file(path);
    unsigned char head[8] = {};
    size_t got = 0;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        got = std::fread(head, 1, sizeof head, f);
        std::fclose(f);
    } else {
        throw DataError(path + ": cannot open (" + std::strerror(errno) + ")");
    }
    if (got == 8 && png_sig_cmp(head, 0, 8) == 0) return read_png_text(path);
    // TIFF's byte order mark and its magic number: 42 in classic TIFF, 43 in BigTIFF.
    const bool tiff = got >= 4 && ((head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0) ||
                                   (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43)));
    if (tiff) return tiff_records(path);
    throw DataError(path + ": not a PNG or TIFF image");
}

}  // namespace atlas
