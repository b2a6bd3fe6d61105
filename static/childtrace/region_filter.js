'use strict';
// The place filter of the admin lists (apps.regions.admin.RegionAutocompleteFilter):
// choosing a place in its autocomplete applies the filter; clearing it removes it.
{
    const $ = django.jQuery;
    $(function() {
        $('select.ct-region-filter-select').on('change', function() {
            if (!this.value) {
                this.disabled = true;  // no empty parameter in the address
            }
            this.form.submit();
        });
    });
}
