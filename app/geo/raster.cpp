// libpng writer. Filtering is off: on flat map colours the adaptive filters cost more time than
// they save bytes (see README, Design). libpng reports errors by longjmp, so every libpng call
// sits behind a setjmp in a function that owns no C++ objects.
#include "raster.hpp"

#include <fcntl.h>
#include <png.h>
#include <unistd.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace atlas {

namespace {

std::string cannot(const std::string& path, const std::string& why) { return "cannot write '" + path + "': " + why; }

// A unique temporary path beside `path`, created exclusively so the folder is known writable.
std::string make_temp(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw OutputError(cannot(path, "it is a folder"));
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
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
    FILE* file = nullptr;
    png_structp png = nullptr;
    png_infop info = nullptr;
    ErrorText error;
    bool done = false;

    // Each returns false with `error` set if libpng failed.
    bool start(int zlevel) {
        if (setjmp(png_jmpbuf(png))) return false;
        png_init_io(png, file);
        png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
        png_set_compression_level(png, zlevel);
        png_write_info(png, info);
        png_set_filler(png, 0, PNG_FILLER_AFTER);  // input rows are RGBA: drop the fourth byte
        return true;
    }
    bool rows(const std::uint8_t* rgba, int count) {
        if (setjmp(png_jmpbuf(png))) return false;
        for (int r = 0; r < count; ++r)
            png_write_row(png, const_cast<png_bytep>(rgba + size_t(r) * size_t(width) * 4));
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

PngWriter::PngWriter(const std::string& path, int width, int height, int zlevel) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.path = path;
    m.width = width;
    m.height = height;
    if (width <= 0 || height <= 0)
        throw OutputError(cannot(path, "image size " + std::to_string(width) + "x" + std::to_string(height) + " is not positive"));
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
    if (m.written != m.height) why = "only " + std::to_string(m.written) + " of " + std::to_string(m.height) + " rows";
    else if (!m.end()) why = m.error.text;
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
}

void write_png(const std::string& path, const std::uint8_t* rgba, int width, int height, int zlevel) {
    PngWriter w(path, width, height, zlevel);
    w.write_rows(rgba, height);
    w.finish();
}

}  // namespace atlas
