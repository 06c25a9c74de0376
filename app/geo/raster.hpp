// Raster output: PNG files streamed row band by row band (libpng) and written atomically:
// to a temporary name in the same folder, renamed only once complete; and the records an exported
// PNG or GeoTIFF carries, read back. Depends on libpng, and on GDAL for a TIFF's metadata; no GL.
#pragma once

#include <cstdint>
#include <memory>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"

namespace atlas {

// Removes what dead writers left in `dir`: entries named `prefix` + a process id (+ anything),
// where no process with that id runs any more (a temporary file, or a tour's working folder, of a
// killed export). Another running process's entries and every other name are left alone.
void remove_leftovers(const std::filesystem::path& dir, const std::string& prefix);

// Checks that `path` can be created (its folder exists and is writable, it is not a folder) by
// creating and removing a temporary file beside it. Throws OutputError naming the path and the
// reason. Call before expensive work so a bad path fails fast.
void check_writable(const std::string& path);

// A file written by another library (the SVG, PDF and GeoTIFF writers, GDAL's CSV driver) under
// a temporary name beside `path` ending in `suffix` (a driver may choose by it), created at once
// (so an unwritable path fails before any work). commit() renames it into place; destroyed before
// that, it is removed. Throws OutputError naming `path` and the reason.
class AtomicFile {
public:
    explicit AtomicFile(const std::string& path, const std::string& suffix = "");
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& temp_path() const { return tmp_; }
    // Flushes the temporary file to the disk (fsync), renames it over `path`, then syncs the folder.
    // Throws OutputError (and removes the temporary file) if either of the first two fails.
    void commit();

private:
    std::string path_, tmp_;
};

// Writes an 8-bit PNG from RGBA rows, top row first: RGB (the fourth byte dropped: a map is
// opaque), or with `alpha` RGBA (straight, not premultiplied, alpha). Rows may come in any number
// of calls. Nothing appears at `path` until finish() succeeds; if the writer is destroyed before
// that, the temporary file is removed.
class PngWriter {
public:
    // Opens the temporary file. zlevel is zlib's 1 (fastest) to 9 (smallest).
    // Throws OutputError if the file cannot be created or the size is not positive.
    // `text`: key/value pairs (ASCII keys up to 79 characters), in this order: a plain ASCII value
    // as a tEXt chunk, any other (UTF-8) as an iTXt chunk, since tEXt holds Latin-1 only.
    // `dpi` > 0: the print resolution, stored in the pHYs chunk.
    PngWriter(const std::string& path, int width, int height, int zlevel = 6,
              const std::vector<std::pair<std::string, std::string>>& text = {}, double dpi = 0, bool alpha = false);
    ~PngWriter();
    PngWriter(const PngWriter&) = delete;
    PngWriter& operator=(const PngWriter&) = delete;

    // Appends `count` rows of width*4 bytes each. Throws OutputError on a write failure.
    void write_rows(const std::uint8_t* rgba, int count);
    // Checks every row was written, completes the file and renames it into place.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The text chunks (tEXt, zTXt, iTXt) of a PNG file, key and value, in the file's order. Throws
// DataError (naming the file) if it is not a readable PNG.
std::vector<std::pair<std::string, std::string>> read_png_text(const std::string& path);

// The key/value records of an image the atlas may have exported, by what the file is (its first
// bytes, not its name): a PNG's text chunks (read_png_text), or a TIFF's GDAL metadata items of
// the default domain (where export_geotiff writes them; gdalinfo lists them). Throws DataError
// naming the file if it is not a regular file, is neither a PNG nor a TIFF, or cannot be read as
// one. A file with no records gives an empty list: whether it has the ones wanted is the caller's.
std::vector<std::pair<std::string, std::string>> read_image_records(const std::string& path);

// Whole-image convenience: PngWriter over width*height RGBA pixels, top row first.
void write_png(const std::string& path, const std::uint8_t* rgba, int width, int height, int zlevel = 6);

}  // namespace atlas
