// The formats an export writes, chosen by the file name (see export.hpp): no GL, no data, so the
// command line checks a name before anything is opened.
#include <cctype>
#include <string>

#include "core/errors.hpp"
#include "export.hpp"

namespace atlas {

namespace {
// The extension of `path` in lower case, with its dot ("" if none).
std::string extension(const std::string& path) {
    const auto dot = path.find_last_of("./");
    std::string ext = dot == std::string::npos || path[dot] == '/' ? "" : path.substr(dot);
    for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}
}  // namespace

ExportFormat export_format(const std::string& path) {
    const std::string ext = extension(path);
    if (ext == ".png") return ExportFormat::Png;
    if (ext == ".tif" || ext == ".tiff") return ExportFormat::GeoTiff;
    if (ext == ".svg") return ExportFormat::Svg;
    if (ext == ".pdf") return ExportFormat::Pdf;
    throw UsageError("cannot write '" + path + "': " +
                     (ext.empty() ? std::string("the name has no extension to choose a format by")
                                  : "the atlas does not write " + ext + " files") +
                     "; name it .png, .tif, .svg or .pdf");
}

bool is_vector_path(const std::string& path) {
    const std::string ext = extension(path);
    return ext == ".svg" || ext == ".pdf";
}

}  // namespace atlas
