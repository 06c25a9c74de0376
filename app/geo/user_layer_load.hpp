// Reading a layer of the user's own through GDAL: any vector file it reads (GeoJSON, Shapefile,
// KML/KMZ, GeoPackage, GPX, CSV with coordinate or WKT columns), in WGS 84 lon/lat. Depends on
// core and GDAL; no GL, no UI.
#pragma once

#include <memory>
#include <string>

#include "core/user_layer.hpp"

namespace atlas {

// Reads every vector layer of the file `text` names (a file's path, or a UserLayerRef's text:
// "FILE?label=FIELD" labels it by FIELD instead of its default field) (a GPX's track and route points are left out:
// they repeat its tracks and routes) into one UserLayer, reprojected to WGS 84 lon/lat. A file
// with no CRS is read as WGS 84 lon/lat, which UserLayer::notes says. Curves are made lines.
// The layer's colour is the caller's; its label field is the ref's, else default_label_field's.
// Throws DataError naming the file and what is wrong: it cannot be opened or is not a vector
// file GDAL reads, it has no feature with coordinates (a KML of placemarks without geometry),
// its coordinates are not lon/lat and no CRS says what they are, or it holds more than
// kUserLayerMaxFeatures features or kUserLayerMaxVertices vertices, or the ref's label field is
// not one of its fields.
std::shared_ptr<UserLayer> load_user_layer(const std::string& text);
// The id load_user_layer gives the layer `text` names: its file's absolute path, made plain.
std::string load_user_layer_id(const std::string& text);

}  // namespace atlas
