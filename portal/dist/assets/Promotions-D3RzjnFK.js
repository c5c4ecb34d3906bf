import{n as e}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t}from"./useTranslation-BHcLAHjw.js";import{a as n,l as r,o as i,t as a,u as o}from"./usePageTitle-CNuGqkbR.js";import{g as s,h as c,i as l,m as u}from"./index-BQF-CtQ0.js";import{t as d}from"./PolicyAudience-Cpwd6IB8.js";import{t as f}from"./jsx-runtime-Wy9s6hX0.js";var p=f(),m=i(`
  query Promotions {
    promotions(first: 50) {
      totalCount
      edges {
        node {
          id
          name
          status
          current
          discountBasisPoints
          minQuantity
          validFrom
          validTo
          stacks
          categories
          products {
            id
            sku
          }
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`),h=i(`
  mutation WithdrawPromotion($id: ID!) {
    withdrawPromotion(id: $id) {
      id
      status
      current
      withdrawnAt
    }
  }
`);function g(){let{t:i,i18n:f}=t();a(i(`promotions.title`));let[{data:g,error:_,fetching:v},y]=o({query:m}),[b,x]=r(h),S=(g?.promotions.edges??[]).flatMap(e=>e?.node?[e.node]:[]),C=e=>e.status===`WITHDRAWN`?`withdrawn`:e.current?`current`:`notCurrent`;return(0,p.jsxs)(`section`,{"aria-labelledby":`promotions-title`,children:[(0,p.jsx)(`h1`,{id:`promotions-title`,children:i(`promotions.title`)}),(0,p.jsx)(`p`,{className:`lead`,children:i(`promotions.intro`)}),(0,p.jsx)(`p`,{className:`actions-row`,children:(0,p.jsx)(e,{className:`button button-primary`,to:`/promotions/new`,"data-action":`new-promotion`,children:i(`promotions.new`)})}),b.error&&(0,p.jsx)(`p`,{className:`field-error`,role:`alert`,children:n(i,b.error)}),v&&!g?(0,p.jsx)(s,{}):_&&!g?(0,p.jsx)(c,{error:_,onRetry:()=>y({requestPolicy:`network-only`})}):S.length===0?(0,p.jsx)(u,{children:i(`promotions.empty`)}):(0,p.jsxs)(`table`,{className:`table promotions`,children:[(0,p.jsx)(`thead`,{children:(0,p.jsxs)(`tr`,{children:[(0,p.jsx)(`th`,{scope:`col`,children:i(`promotions.name`)}),(0,p.jsx)(`th`,{scope:`col`,className:`num`,children:i(`promotions.discountField`)}),(0,p.jsx)(`th`,{scope:`col`,children:i(`promotions.covers`)}),(0,p.jsx)(`th`,{scope:`col`,children:i(`promotions.audience`)}),(0,p.jsx)(`th`,{scope:`col`,children:i(`promotions.dates`)}),(0,p.jsx)(`th`,{scope:`col`,children:i(`promotions.state`)}),(0,p.jsx)(`th`,{scope:`col`,children:(0,p.jsx)(`span`,{className:`visually-hidden`,children:i(`promotions.actions`)})})]})}),(0,p.jsx)(`tbody`,{children:S.map(t=>(0,p.jsxs)(`tr`,{"data-promotion":t.name,children:[(0,p.jsx)(`th`,{scope:`row`,"data-label":i(`promotions.name`),children:t.name}),(0,p.jsxs)(`td`,{"data-label":i(`promotions.discountField`),className:`num`,children:[`−`,l(t.discountBasisPoints,f.language),t.minQuantity?(0,p.jsxs)(`span`,{className:`muted`,children:[` · `,i(`promotions.fromQuantity`,{count:t.minQuantity})]}):null,t.stacks?(0,p.jsxs)(`span`,{className:`muted`,children:[` · `,i(`promotions.stacksShort`)]}):null]}),(0,p.jsx)(`td`,{"data-label":i(`promotions.covers`),children:!t.products?.length&&!t.categories?.length?i(`promotions.everyProduct`):[...t.categories??[],...(t.products??[]).map(e=>e.sku)].join(`, `)}),(0,p.jsx)(`td`,{"data-label":i(`promotions.audience`),children:(0,p.jsx)(d,{audience:t.audience})}),(0,p.jsxs)(`td`,{"data-label":i(`promotions.dates`),children:[t.validFrom,` – `,t.validTo]}),(0,p.jsx)(`td`,{"data-label":i(`promotions.state`),children:(0,p.jsx)(`span`,{className:`badge badge-${C(t)}`,children:i(`promotions.states.${C(t)}`)})}),(0,p.jsx)(`td`,{children:t.status===`ACTIVE`&&(0,p.jsxs)(`span`,{className:`actions-row`,children:[(0,p.jsx)(e,{className:`button`,to:`/promotions/${encodeURIComponent(t.id)}/edit`,children:i(`promotions.edit`)}),(0,p.jsx)(`button`,{type:`button`,className:`button button-quiet`,"data-action":`withdraw`,disabled:b.fetching,onClick:()=>{window.confirm(i(`promotions.confirmWithdraw`,{name:t.name}))&&x({id:t.id})},children:i(`promotions.withdraw`)})]})})]},t.id))})]})]})}export{g as Promotions,m as PromotionsQuery,h as WithdrawPromotionMutation};