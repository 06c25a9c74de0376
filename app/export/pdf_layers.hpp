// A PDF's layers (optional content groups), which Cairo 1.16 cannot write. The Cairo canvas
// marks each of the map's groups as a structure element ("Sect") as it draws; make_layers()
// then turns those marked sequences into layers with qpdf: each "Sect" sequence becomes an
// optional content sequence of the layer it was begun for, the catalogue lists the layers (named
// as the SVG's Inkscape layers are, in the order they are drawn), and the structure tree, now
// empty, goes.
#pragma once

#include <string>
#include <vector>

namespace atlas {

struct PdfLayer {
    std::string id;     // one layer per id, across pages ("places" on every page of a handout)
    std::string label;  // its name in a viewer's layers panel
    int rank = 0;       // where it is listed: bottom to top by rank, then as first begun
};

// Rewrites the PDF at `path` (a file Cairo has finished) in place, `begun` being the layers in
// the order their "Sect" elements were begun, across pages. Throws OutputError if the file does
// not have exactly that many "Sect" elements or cannot be read or written; the file is then left
// as it was.
void make_layers(const std::string& path, const std::vector<PdfLayer>& begun);

}  // namespace atlas
