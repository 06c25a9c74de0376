// The atlas's facts as a GIS file (`ca-atlas --export-facts`): the places, the regions the article
// names, Afghanistan's northern border, the countries with their standing on a day and every
// membership as a dated span, each feature with the passages that put it there, quoted exactly, the
// record's source and the article's citation. Written through GDAL's OGR drivers (GeoPackage,
// GeoJSON, KML by libkml). Depends on core and GDAL; no GL, no UI.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/article.hpp"
#include "core/facts.hpp"
#include "core/world.hpp"

namespace atlas {

enum class FactsFormat { GeoPackage, GeoJson, Kml };

// The format a file's name asks for by its extension, whatever its case: .gpkg, .geojson or .json,
// .kml; nullopt for any other (or none).
std::optional<FactsFormat> facts_format(const std::string& path);
// The extensions facts_format accepts, for messages.
inline constexpr const char* kFactsExtensions = ".gpkg, .geojson, .json, .kml";

// The layers, in the order they are written (a GeoJSON file, which holds one collection, has one
// "facts" collection whose `layer` attribute names these).
inline constexpr const char* kFactsPlaces = "places";                  // points
inline constexpr const char* kFactsRegions = "regions";                // the named areas: polygons
inline constexpr const char* kFactsRegionLines = "region_lines";       // the named borders: lines
inline constexpr const char* kFactsNorthernBorder = "northern_border"; // one line per neighbour
inline constexpr const char* kFactsCountries = "countries";            // standing on the day: polygons
inline constexpr const char* kFactsMemberships = "memberships";        // one polygon per period
inline constexpr const char* kFactsGeoJsonLayer = "facts";

// Tolerance of OGR's SimplifyPreserveTopology for the country shapes of `countries` and
// `memberships`, in degrees: 0.02 degrees is 2.2 km north-south, about one screen pixel when Google
// Earth shows the whole region. It takes those two layers from 139 600 to 85 600 vertices and the
// shipped facts' KML to 4.3 MB (the data is already generalised: 0.05 would halve it again but cut
// corners that show). The regions and borders keep every vertex (their lengths are the map's).
// Every coordinate is rounded to 1e-5 degrees (1.1 m at most).
inline constexpr double kFactsSimplifyDegrees = 0.02;

// Feature counts per layer, in the order written.
using FactsCounts = std::vector<std::pair<std::string, std::size_t>>;

// Writes the facts to `path` in the format its extension names (facts_format), in EPSG:4326:
// - places: every place of `facts`, with kind, organisation, precision, area, country, from, to;
// - regions, region_lines: every region, as the union of its provinces or countries, or its
//   boundaries' lines;
// - northern_border: each boundary of the region "afghanistan-northern-border", with the
//   neighbour, its published length (border_lengths.csv) and the drawn line's geodesic length;
// - countries: every country a membership or a passage speaks of, with its standing in the CSTO
//   family (CST, then CSTO) and the SCO family (Shanghai Five, then SCO) on `day`, drawn with the
//   areas it controls that day (control.csv);
// - memberships: one feature per record of memberships.csv, the country's shape (without areas whose
//   control changed), with begin and end: the KML's TimeSpan (end: the record's `to`, the first day
//   it no longer held; for a record with no `to`, the day after the atlas's timeline ends).
// Every feature has `id`, `name`, `passages` (the ids of the passages linked to it, in article
// order, separated by spaces), `quotes` (their text exactly as in the article, one per line, in
// the same order), `source` (its record's source column; several records' one per line) and
// `citation`; a KML placemark also has a `description` (its balloon): what it is, each passage
// quoted with its place in the article and the citation, and the source.
// The file appears whole or not at all (a temporary file beside it, renamed once complete).
// Throws UsageError for an extension it cannot write, OutputError naming `path` if it cannot be
// written, DataError if the facts name a country, province or boundary the map does not have.
FactsCounts export_facts(const std::string& path, const World& world, const Facts& facts, const Article& article,
                         const Date& day);

}  // namespace atlas
