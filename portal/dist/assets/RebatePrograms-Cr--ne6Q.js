import{c as e,l as t,o as n,s as r,u as i}from"./index-C1DSOppe.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{o,t as s,u as c}from"./usePageTitle-BTu-N59P.js";import{t as l}from"./PolicyAudience-C96Zj6Rz.js";import{t as u}from"./format-DyU-Atiu.js";import{a as d}from"./incentive-DFARsnoZ.js";import{t as f}from"./jsx-runtime-Wy9s6hX0.js";var p=f(),m=o(`
  query RebatePrograms($first: Int) {
    rebatePrograms(first: $first) {
      totalCount
      edges {
        node {
          id
          name
          periodKind
          firstPeriod
          lastPeriod
          currentPeriod
          tierMode
          tiers {
            threshold
            rateBasisPoints
          }
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`);function h(){let{t:o,i18n:f}=a(),h=f.language===`zh`?`zh-CN`:`en`;s(o(`incentives.programsTitle`));let[{data:g}]=t(),_=g?.me.role===`ADMIN`,[{data:v,error:y,fetching:b},x]=c({query:m,variables:{first:100}}),S=(v?.rebatePrograms.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,p.jsxs)(`section`,{"aria-labelledby":`rebates-title`,children:[(0,p.jsxs)(`div`,{className:`page-head`,children:[(0,p.jsx)(`h1`,{id:`rebates-title`,children:o(`incentives.programsTitle`)}),_&&(0,p.jsx)(i,{className:`button button-primary`,to:`/rebates/new`,"data-link":`new-program`,children:o(`incentives.newProgram`)})]}),(0,p.jsx)(`p`,{className:`lead`,children:o(`incentives.programsIntro`)}),b&&!v?(0,p.jsx)(e,{}):y&&!v?(0,p.jsx)(r,{error:y,onRetry:()=>x({requestPolicy:`network-only`})}):S.length?(0,p.jsxs)(p.Fragment,{children:[(0,p.jsx)(`p`,{className:`count`,children:o(`incentives.programCount`,{count:v?.rebatePrograms.totalCount??0})}),(0,p.jsx)(`ul`,{className:`cards program-list`,children:S.map(e=>(0,p.jsxs)(`li`,{className:`card`,"data-program":e.name,children:[(0,p.jsxs)(`p`,{className:`card-title`,children:[(0,p.jsx)(i,{to:`/rebates/${encodeURIComponent(e.id)}`,children:e.name}),` `,(0,p.jsx)(`span`,{className:`badge`,children:o(`incentives.periodKind.${e.periodKind}`)}),` `,(0,p.jsx)(`span`,{className:`badge`,children:o(`incentives.tierMode.${e.tierMode}`)})]}),(0,p.jsxs)(`p`,{className:`muted`,children:[e.lastPeriod?o(`incentives.runsFromTo`,{first:e.firstPeriod,last:e.lastPeriod}):o(`incentives.runsFrom`,{first:e.firstPeriod}),e.currentPeriod&&(0,p.jsxs)(p.Fragment,{children:[` · `,o(`incentives.currentPeriod`,{period:e.currentPeriod})]})]}),(0,p.jsxs)(`p`,{children:[o(`incentives.for`),` `,(0,p.jsx)(l,{audience:e.audience})]}),(0,p.jsx)(`p`,{className:`tier-summary`,children:e.tiers.map(e=>o(`incentives.tierWords`,{rate:d(e.rateBasisPoints,h),amount:u(e.threshold,h)})).join(` · `)})]},e.id))})]}):(0,p.jsx)(n,{children:o(`incentives.noPrograms`)})]})}export{h as RebatePrograms,m as RebateProgramsQuery};