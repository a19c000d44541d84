# drop_embed_migrations(<target> <dir> <namespace>): compiles every <dir>/NNNN_<name>.sql into
# <target> as a table `migrations()` of {version, name, sql}, sorted by version, in <namespace>.
# The SQL is embedded in the program (no files to ship); editing a file re-runs the generator.
function(drop_embed_migrations target dir namespace)
  file(GLOB files CONFIGURE_DEPENDS "${dir}/*.sql")
  list(SORT files)
  set(entries "")
  foreach(file IN LISTS files)
    get_filename_component(base "${file}" NAME_WE)
    if(NOT base MATCHES "^([0-9][0-9][0-9][0-9])_(.+)$")
      message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${file}")
    endif()
    math(EXPR version "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_2}")
    file(READ "${file}" sql)
    string(FIND "${sql}" ")migration\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${file} contains the raw-string delimiter")
    endif()
    string(APPEND entries "    {${version}, \"${name}\", R\"migration(${sql})migration\"},\n")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
  endforeach()
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cpp")
  # Written through a scratch file so an unchanged table does not trigger a rebuild.
  file(WRITE "${output}.new"
"// Generated from ${dir} by cmake/EmbedMigrations.cmake. Do not edit.
#include <span>
#include <string_view>

namespace ${namespace} {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> migrations() {
  static const Migration table[] = {
${entries}  };
  return table;
}

}  // namespace ${namespace}
")
  configure_file("${output}.new" "${output}" COPYONLY)
  target_sources(${target} PRIVATE "${output}")
endfunction()
