/** The holiday source a use case is given; the type is the domain's, so the domain never imports a port. */
export type { HolidayCalendar } from '../domain/calendar';
