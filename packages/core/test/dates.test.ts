import { describe, expect, it } from "vitest";
import { isCalendarDate, weekday } from "../src/validation/dates.ts";

const SUNDAY = 0;
const MONDAY = 1;
const TUESDAY = 2;
const THURSDAY = 4;
const FRIDAY = 5;
const SATURDAY = 6;

describe("isCalendarDate: a real calendar date written YYYY-MM-DD", () => {
  it.each(["2024-02-29", "2000-02-29"])("accepts 29 February of the leap year in %s", (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each(["2023-02-29", "1900-02-29"])("refuses 29 February of the common year in %s", (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });

  it("refuses a day past the end of its month", () => {
    expect(isCalendarDate("2023-02-30")).toBe(false);
    expect(isCalendarDate("2024-04-31")).toBe(false);
  });

  it("accepts the last day of each month", () => {
    expect(isCalendarDate("2024-01-31")).toBe(true);
    expect(isCalendarDate("2024-04-30")).toBe(true);
    expect(isCalendarDate("2024-12-31")).toBe(true);
  });

  it("refuses month 13 and month 00", () => {
    expect(isCalendarDate("2024-13-01")).toBe(false);
    expect(isCalendarDate("2024-00-10")).toBe(false);
  });

  it("refuses day 00 and day 32", () => {
    expect(isCalendarDate("2024-05-00")).toBe(false);
    expect(isCalendarDate("2024-05-32")).toBe(false);
  });

  it("refuses a month or a day that is not written with two digits", () => {
    expect(isCalendarDate("2024-5-1")).toBe(false);
    expect(isCalendarDate("2024-05-1")).toBe(false);
    expect(isCalendarDate("2024-5-01")).toBe(false);
  });

  it("refuses a year that is not written with four digits", () => {
    expect(isCalendarDate("12024-05-01")).toBe(false);
    expect(isCalendarDate("+012024-05-01")).toBe(false);
    expect(isCalendarDate("-0001-05-01")).toBe(false);
    expect(isCalendarDate("24-05-01")).toBe(false);
  });

  it("refuses anything around or instead of the date", () => {
    expect(isCalendarDate("")).toBe(false);
    expect(isCalendarDate(" 2024-05-01")).toBe(false);
    expect(isCalendarDate("2024-05-01 ")).toBe(false);
    expect(isCalendarDate("2024-05-01\n")).toBe(false);
    expect(isCalendarDate("2024-05-01T00:00:00Z")).toBe(false);
    expect(isCalendarDate("2024/05/01")).toBe(false);
    expect(isCalendarDate("２０２４-05-01")).toBe(false);
  });

  describe("years 0001 to 0099 are those years, not 1901 to 1999", () => {
    it("accepts 29 February of year 0004, a leap year", () => {
      expect(isCalendarDate("0004-02-29")).toBe(true);
    });

    it("refuses 29 February of year 0001, a common year", () => {
      expect(isCalendarDate("0001-02-29")).toBe(false);
    });

    it("accepts the first and the last day of the four-digit range", () => {
      expect(isCalendarDate("0001-01-01")).toBe(true);
      expect(isCalendarDate("9999-12-31")).toBe(true);
    });
  });

  it("accepts 29 February 0000: year 0 is divisible by 400, so a leap year (RFC 3339, appendix C)", () => {
    expect(isCalendarDate("0000-02-29")).toBe(true);
  });
});

describe("weekday: 0 is Sunday, 6 is Saturday", () => {
  it("knows a Saturday", () => {
    expect(weekday("2024-05-04")).toBe(SATURDAY);
  });

  it("knows a Sunday", () => {
    expect(weekday("2024-05-05")).toBe(SUNDAY);
  });

  it("knows a Monday", () => {
    expect(weekday("2024-05-06")).toBe(MONDAY);
  });

  it("knows a Friday", () => {
    expect(weekday("2024-05-03")).toBe(FRIDAY);
  });

  it("knows 29 February in leap years other than 2000", () => {
    expect(weekday("2024-02-29")).toBe(THURSDAY);
    expect(weekday("2000-02-29")).toBe(TUESDAY);
  });

  it("counts years 0001 to 0099 as written (1 January of year 1 was a Monday)", () => {
    expect(weekday("0001-01-01")).toBe(MONDAY);
    expect(weekday("1900-01-01")).toBe(MONDAY);
    expect(weekday("9999-12-31")).toBe(FRIDAY);
  });
});
