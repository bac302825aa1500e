/**
 * Implementation shared by Gantry's health packages. Not part of the API: anything here may
 * change or disappear in any release.
 */
package dev.gantry.health.internal;
