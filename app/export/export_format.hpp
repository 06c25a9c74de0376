// The formats an export writes, chosen by the file's name: the command line checks a name with it
// before anything is opened. No GL, no data, nothing to link.
#pragma once

#include <cctype>
#include <string>

#include "core/errors.hpp"

namespace atlas {

// The formats an export writes, chosen by the name's extension (any case).
enum class ExportFormat { Png, GeoTiff, Svg, Pdf };

namespace export_detail {
// The extension of `path` in lower case, with its dot ("" if none).
inline std::string extension(const std::string& path) {
    const auto dot = path.find_last_of("./");
    std::string ext = dot == std::string::npos || path[dot] == '/' ? "" : path.substr(dot);
    for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}
}  // namespace export_detail

// The format of `path`: .png, .tif or .tiff, .svg, .pdf. Throws UsageError naming the file and the
// extensions the atlas writes for any other name (a .jpg is refused, never PNG bytes under it).
inline ExportFormat export_format(const std::string& path) {
    const std::string ext = export_detail::extension(path);
    if (ext == ".png") return ExportFormat::Png;
    if (ext == ".tif" || ext == ".tiff") return ExportFormat::GeoTiff;
    if (ext == ".svg") return ExportFormat::Svg;
    if (ext == ".pdf") return ExportFormat::Pdf;
    throw UsageError("cannot write '" + path + "': " +
                     (ext.empty() ? std::string("the name has no extension to choose a format by")
                                  : "the atlas does not write " + ext + " files") +
                     "; name it .png, .tif, .svg or .pdf");
}

// Whether `path` names a vector file (.svg, .pdf, any case): drawn without GL (export/vector.hpp).
inline bool is_vector_path(const std::string& path) {
    const std::string ext = export_detail::extension(path);
    return ext == ".svg" || ext == ".pdf";
}

}  // namespace atlas
