/**
 * Project profiles, so the round page's list (owner, payout address, profile document) comes from the same
 * request as the tallies.
 */
import { ponder } from "ponder:registry";
import { project } from "ponder:schema";

ponder.on("ProjectRegistry:ProjectRegistered", async ({ event, context }) => {
  const { projectId, owner, homeNode, payoutAddress, metadata } = event.args;
  await context.db.insert(project).values({ projectId, owner, homeNode, payoutAddress, metadata });
});

ponder.on("ProjectRegistry:HomeNodeChanged", async ({ event, context }) => {
  await context.db.update(project, { projectId: event.args.projectId }).set({ homeNode: event.args.homeNode });
});

ponder.on("ProjectRegistry:PayoutAddressUpdated", async ({ event, context }) => {
  await context.db
    .update(project, { projectId: event.args.projectId })
    .set({ payoutAddress: event.args.payoutAddress });
});

ponder.on("ProjectRegistry:ProjectMetadataUpdated", async ({ event, context }) => {
  await context.db.update(project, { projectId: event.args.projectId }).set({ metadata: event.args.metadata });
});

ponder.on("ProjectRegistry:ProjectOwnershipTransferred", async ({ event, context }) => {
  await context.db.update(project, { projectId: event.args.projectId }).set({ owner: event.args.newOwner });
});
