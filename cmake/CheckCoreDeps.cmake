# drop_check_core_dependencies(<target>): fail configuration when the pure core links anything
# but header-only fmt. Checked on both the private and the interface link lists, so a
# `target_link_libraries(drop_core ...)` added anywhere in the tree turns the build red.
function(drop_check_core_dependencies target)
  set(allowed "fmt::fmt-header-only" "$<LINK_ONLY:fmt::fmt-header-only>")
  foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
    get_target_property(libs ${target} ${property})
    if(NOT libs)
      continue()
    endif()
    foreach(lib IN LISTS libs)
      if(NOT lib IN_LIST allowed)
        message(FATAL_ERROR
          "dependency rule: ${target} must link only the standard library and header-only fmt, "
          "but ${property} contains '${lib}'. Move that code into an adapter.")
      endif()
    endforeach()
  endforeach()
endfunction()
